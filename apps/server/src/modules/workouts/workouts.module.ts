import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ExportService } from './export.service';
import { ImportService } from './import/import.service';
import { LeaderboardsService } from './leaderboards.service';
import { PrAnnouncements } from './pr-announcements.consumer';
import { SocialConsumers } from './social.consumers';
import { SocialController } from './social.controller';
import { SocialRepository } from './social.repository';
import { SocialService } from './social.service';
import { WorkoutCard } from './workout-card';
import { BodyService } from './body.service';
import { ExercisesService } from './exercises.service';
import { RecordsService } from './records.service';
import { RoutinesService } from './routines.service';
import { StatsService } from './stats.service';
import { RoutinesController, WorkoutsController } from './workouts.controller';
import { WorkoutsPolicy } from './workouts.policy';
import { WorkoutsRepository } from './workouts.repository';
import { WorkoutsService } from './workouts.service';

/**
 * The training log. Social features (feed, cards, leaderboards) import this module for
 * WorkoutsPolicy (who may see which workout), WorkoutsService (documents and summaries) and
 * BodyService (bodyweight for relative strength), and react to `workout.finished`.
 */
@Module({
  // Social (workouts-social): chat for the workout card and PR announcements, notifications for kudos and comments.
  imports: [ChatModule, NotificationsModule],
  controllers: [WorkoutsController, RoutinesController, SocialController],
  providers: [WorkoutsRepository, WorkoutsPolicy, RecordsService, WorkoutsService, ExercisesService, RoutinesService, StatsService, BodyService,
    SocialRepository, SocialService, LeaderboardsService, ImportService, ExportService, WorkoutCard, SocialConsumers, PrAnnouncements],
  exports: [WorkoutsPolicy, WorkoutsService, BodyService, WorkoutsRepository],
})
export class WorkoutsModule {}
