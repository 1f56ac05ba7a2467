import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateVAPIDKeys } from 'web-push';
import { z } from 'zod';
import { CONFIG } from '../../../config/config.module';
import type { Config } from '../../../config/env';

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
}

/** Used when VAPID_SUBJECT is unset; push services accept it, Apple's may not. */
export const DEFAULT_VAPID_SUBJECT = 'mailto:admin@localhost';
export const VAPID_FILE = 'vapid.json';

const StoredKeys = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });

/**
 * The server's VAPID key pair, which every push message is signed with and every browser
 * subscription is bound to. From VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when set; else the
 * embedded mode makes a pair once and keeps it in DATA_DIR/vapid.json (mode 0600; kept
 * in memory for a `memory://` data folder), and the cluster mode runs without push,
 * because instances generating keys of their own would each break the others' subscriptions.
 */
@Injectable()
export class PushKeys {
  private readonly logger = new Logger(PushKeys.name);
  readonly details: VapidDetails | null;

  constructor(@Inject(CONFIG) config: Config) {
    this.details = this.load(config);
  }

  get enabled(): boolean {
    return this.details !== null;
  }

  get publicKey(): string | null {
    return this.details?.publicKey ?? null;
  }

  private load(config: Config): VapidDetails | null {
    const subject = config.VAPID_SUBJECT ?? DEFAULT_VAPID_SUBJECT;
    if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY) {
      return { subject, publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY };
    }
    if (!config.embedded.database) {
      this.logger.warn('Web Push is off: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (npx web-push generate-vapid-keys), the same on every instance');
      return null;
    }
    if (config.DATA_DIR.startsWith('memory://')) return { subject, ...generateVAPIDKeys() };
    return { subject, ...this.fromFile(path.resolve(config.DATA_DIR, VAPID_FILE)) };
  }

  private fromFile(file: string): { publicKey: string; privateKey: string } {
    try {
      const keys = StoredKeys.parse(JSON.parse(readFileSync(file, 'utf8')));
      // Someone copied the folder with loose permissions: the private key is for this server only.
      if ((statSync(file).mode & 0o077) !== 0) {
        chmodSync(file, 0o600);
        this.logger.warn(`${file} was readable by others; its mode is now 0600`);
      }
      return keys;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} is not a VAPID key file: ${String(error)}`, { cause: error });
    }
    mkdirSync(path.dirname(file), { recursive: true });
    const { publicKey, privateKey } = generateVAPIDKeys();
    try {
      // 'wx': a second process starting at the same moment keeps the first one's keys.
      writeFileSync(file, `${JSON.stringify({ publicKey, privateKey }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      this.logger.log(`Web Push keys generated into ${file}`);
      return { publicKey, privateKey };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return StoredKeys.parse(JSON.parse(readFileSync(file, 'utf8')));
    }
  }
}
