import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from './app-error';
import { zodIssues } from './zod-issues';

/** Parses one part of a request (body, query, params) with its contract schema. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The request is not valid', zodIssues(parsed.error));
    return parsed.data;
  }
}
