import type { Config } from '../../config/env';
import { DiskObjectStorage } from './disk-object-storage';
import type { ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3-object-storage';

/** Chosen once at start-up: S3 when S3_ENDPOINT is set (the schema made sure the rest is), the disk otherwise. */
export async function openObjectStorage(config: Config): Promise<ObjectStorage> {
  if (config.S3_ENDPOINT) {
    return S3ObjectStorage.open({
      endpoint: config.S3_ENDPOINT,
      publicEndpoint: config.S3_PUBLIC_ENDPOINT,
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return DiskObjectStorage.open(config.DATA_DIR, config.JWT_SECRET);
}
