import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeWorkoutRaces } from './workouts-races.suite';

describeWorkoutRaces('embedded: PGlite + memory', startEmbeddedChat);
