/**
 * The tab title: the page's own title, led by the unread count when there is one, as
 * Discord does ("(3) Chats · DiscordGym"). Pages set the title, the signed-in shell the
 * count; whichever changes, the tab shows both.
 */
let base: string | null = null;
let badge = 0;

const write = (): void => {
  if (typeof document === 'undefined') return;
  base ??= document.title;
  document.title = badge > 0 ? `(${badge}) ${base}` : base;
};

export const documentTitle = {
  setTitle(title: string): void {
    base = title;
    write();
  },
  setBadge(count: number): void {
    badge = Math.max(0, count);
    write();
  },
};
