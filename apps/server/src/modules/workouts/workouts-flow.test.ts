import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeWorkoutsFlow } from './workouts-flow.suite';

describeWorkoutsFlow('embedded: PGlite + memory', startEmbeddedChat);
