import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events.service';
import { EventsRepository } from './events.repository';

/** The outbox and its dispatcher; global, so any feature records and subscribes. */
@Global()
@Module({
  providers: [EventsRepository, DomainEvents],
  exports: [DomainEvents],
})
export class EventsModule {}
