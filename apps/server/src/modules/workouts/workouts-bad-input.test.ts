import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeWorkoutsBadInput } from './workouts-bad-input.suite';

describeWorkoutsBadInput('embedded: PGlite + memory', startEmbeddedChat);
