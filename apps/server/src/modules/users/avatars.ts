import type { Avatar } from '@discordgym/contracts';

/** The built-in set; the images ship with the web app under /avatars/. */
export const BUILT_IN_AVATARS: readonly Avatar[] = [
  ['kettlebell', 'Kettlebell'],
  ['dumbbell', 'Dumbbell'],
  ['runner', 'Runner'],
  ['cyclist', 'Cyclist'],
  ['swimmer', 'Swimmer'],
  ['climber', 'Climber'],
  ['yogi', 'Yogi'],
  ['boxer', 'Boxer'],
  ['camera', 'Party camera'],
  ['confetti', 'Confetti'],
].map(([id, name]) => ({ id: id!, name: name!, url: `/avatars/${id}.svg` }));

export const isBuiltInAvatar = (id: string): boolean => BUILT_IN_AVATARS.some((a) => a.id === id);
