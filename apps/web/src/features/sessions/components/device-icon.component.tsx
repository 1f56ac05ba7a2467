/** Decorative: the device is always named in text beside it. */
export function DeviceIcon({ kind, className = '' }: { kind: 'mobile' | 'desktop'; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {kind === 'mobile' ? (
        <>
          <rect x="6.5" y="2.5" width="11" height="19" rx="2.5" />
          <path d="M10.5 18.5h3" />
        </>
      ) : (
        <>
          <rect x="2.5" y="4" width="19" height="12.5" rx="2" />
          <path d="M8 20.5h8M12 16.5v4" />
        </>
      )}
    </svg>
  );
}
