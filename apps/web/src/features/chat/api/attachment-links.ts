import { ATTACHMENT_LINKS_MAX, type ChatAttachmentLink } from '@discordgym/contracts';
import { isLinkFresh, LINK_REFRESH_MARGIN_MS } from './attachment-files';
import { fetchAttachmentLinks } from './attachments.api';

type Listener = () => void;

/** An id the server left out (not ready, not mine to see) is asked for again only after this. */
const MISSING_RETRY_MS = 15_000;
const FAILED_RETRY_MS = 5_000;

/**
 * Signed URLs of chat attachments, shared by every message on screen. Messages ask for
 * their ids as they render; the asks of one render go out together (one request per room
 * and 100 ids), and a link is reused until shortly before it expires, then asked for again.
 */
class AttachmentLinkCache {
  private readonly links = new Map<string, ChatAttachmentLink>();
  /** Ids not to ask for again before this time (left out, or the request failed). */
  private readonly holdUntil = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private readonly queued = new Map<string, Set<string>>();
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private version = 0;

  getVersion = (): number => this.version;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The link held for `id` while it still works (it may be renewed meanwhile). */
  get(id: string, now = Date.now()): ChatAttachmentLink | undefined {
    const link = this.links.get(id);
    return link && Date.parse(link.expires_at) > now ? link : undefined;
  }

  /** When to look at these ids again: the soonest renewal of a held link, or the end of a hold. */
  nextCheckAt(ids: readonly string[]): number | null {
    let soonest: number | null = null;
    const consider = (at: number): void => void (soonest = soonest === null ? at : Math.min(soonest, at));
    for (const id of ids) {
      const link = this.links.get(id);
      if (link) consider(Date.parse(link.expires_at) - LINK_REFRESH_MARGIN_MS);
      const hold = this.holdUntil.get(id);
      if (hold !== undefined) consider(hold);
    }
    return soonest;
  }

  /** Asks for the links of `ids` in `roomId` that are not held fresh; batched with the other asks of this tick. */
  want(roomId: string, ids: readonly string[]): void {
    const now = Date.now();
    let added = false;
    for (const id of ids) {
      const held = this.links.get(id);
      if ((held && isLinkFresh(held.expires_at, now)) || this.inFlight.has(id) || (this.holdUntil.get(id) ?? 0) > now) continue;
      let room = this.queued.get(roomId);
      if (!room) this.queued.set(roomId, (room = new Set()));
      room.add(id);
      added = true;
    }
    if (added && this.timer === undefined) this.timer = setTimeout(() => void this.flush(), 0);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batches: Array<[string, string[]]> = [];
    for (const [roomId, ids] of this.queued) {
      const list = [...ids];
      for (let i = 0; i < list.length; i += ATTACHMENT_LINKS_MAX) batches.push([roomId, list.slice(i, i + ATTACHMENT_LINKS_MAX)]);
    }
    this.queued.clear();
    await Promise.all(batches.map(([roomId, ids]) => this.fetch(roomId, ids)));
  }

  private async fetch(roomId: string, ids: string[]): Promise<void> {
    for (const id of ids) this.inFlight.add(id);
    try {
      const items = await fetchAttachmentLinks(roomId, ids);
      const answered = new Set(items.map((link) => link.id));
      for (const link of items) {
        this.links.set(link.id, link);
        this.holdUntil.delete(link.id);
      }
      for (const id of ids) if (!answered.has(id)) this.holdUntil.set(id, Date.now() + MISSING_RETRY_MS);
    } catch {
      for (const id of ids) this.holdUntil.set(id, Date.now() + FAILED_RETRY_MS);
    } finally {
      for (const id of ids) this.inFlight.delete(id);
      this.version += 1;
      for (const listener of [...this.listeners]) listener();
    }
  }
}

export const attachmentLinks = new AttachmentLinkCache();
