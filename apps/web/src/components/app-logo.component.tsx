/** The DiscordGym mark: a kettlebell with a speech-bubble tail. Decorative; callers name it. */
export function AppLogo({ className = '' }: { className?: string }) {
  return (
    <svg viewBox="0 0 48 48" className={className} aria-hidden="true" focusable="false">
      <rect width="48" height="48" rx="14" fill="#5865f2" />
      <path d="M17 17a7 7 0 0 1 14 0" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" />
      <path d="M14 29c0-6.6 4.5-11 10-11s10 4.4 10 11c0 3.6-1.6 6-4 7.2l1.5 4.3-5.4-3.3H24c-5.5 0-10-2.6-10-8.2z" fill="#fff" />
      <circle cx="20" cy="29" r="1.8" fill="#5865f2" />
      <circle cx="28" cy="29" r="1.8" fill="#5865f2" />
    </svg>
  );
}
