import { createHash } from 'node:crypto';
import type { Equipment, Muscle, TrackingType } from '@discordgym/contracts';

export interface CatalogExercise {
  slug: string;
  nameEn: string;
  nameDe: string;
  primary: Muscle[];
  secondary: Muscle[];
  equipment: Equipment;
  tracking: TrackingType;
}

type Row = [slug: string, en: string, de: string, primary: Muscle[], secondary: Muscle[], equipment: Equipment, tracking: TrackingType];

/**
 * The built-in catalog. English names follow Strong's and Hevy's "Name (Equipment)" so their
 * CSV exports map onto it; slugs are stable forever (imports, links and the migration use them).
 * Changing or adding a row needs a new custom migration (exercise-catalog.test.ts checks they agree).
 */
const rows: Row[] = [
  // chest
  ['bench-press-barbell', 'Bench Press (Barbell)', 'Bankdrücken (Langhantel)', ['chest'], ['triceps', 'shoulders'], 'barbell', 'weight_reps'],
  ['bench-press-dumbbell', 'Bench Press (Dumbbell)', 'Bankdrücken (Kurzhantel)', ['chest'], ['triceps', 'shoulders'], 'dumbbell', 'weight_reps'],
  ['bench-press-smith', 'Bench Press (Smith Machine)', 'Bankdrücken (Multipresse)', ['chest'], ['triceps', 'shoulders'], 'smith_machine', 'weight_reps'],
  ['incline-bench-press-barbell', 'Incline Bench Press (Barbell)', 'Schrägbankdrücken (Langhantel)', ['chest'], ['shoulders', 'triceps'], 'barbell', 'weight_reps'],
  ['incline-bench-press-dumbbell', 'Incline Bench Press (Dumbbell)', 'Schrägbankdrücken (Kurzhantel)', ['chest'], ['shoulders', 'triceps'], 'dumbbell', 'weight_reps'],
  ['decline-bench-press-barbell', 'Decline Bench Press (Barbell)', 'Negativbankdrücken (Langhantel)', ['chest'], ['triceps'], 'barbell', 'weight_reps'],
  ['decline-bench-press-dumbbell', 'Decline Bench Press (Dumbbell)', 'Negativbankdrücken (Kurzhantel)', ['chest'], ['triceps'], 'dumbbell', 'weight_reps'],
  ['close-grip-bench-press', 'Close Grip Bench Press (Barbell)', 'Enges Bankdrücken (Langhantel)', ['triceps'], ['chest', 'shoulders'], 'barbell', 'weight_reps'],
  ['floor-press-barbell', 'Floor Press (Barbell)', 'Bodendrücken (Langhantel)', ['chest'], ['triceps'], 'barbell', 'weight_reps'],
  ['chest-fly-dumbbell', 'Chest Fly (Dumbbell)', 'Fliegende (Kurzhantel)', ['chest'], ['shoulders'], 'dumbbell', 'weight_reps'],
  ['incline-chest-fly-dumbbell', 'Incline Chest Fly (Dumbbell)', 'Schräge Fliegende (Kurzhantel)', ['chest'], ['shoulders'], 'dumbbell', 'weight_reps'],
  ['chest-fly-machine', 'Chest Fly (Machine)', 'Butterfly (Maschine)', ['chest'], [], 'machine', 'weight_reps'],
  ['cable-crossover', 'Cable Crossover', 'Kabelzug-Crossover', ['chest'], ['shoulders'], 'cable', 'weight_reps'],
  ['chest-press-machine', 'Chest Press (Machine)', 'Brustpresse (Maschine)', ['chest'], ['triceps', 'shoulders'], 'machine', 'weight_reps'],
  ['pec-deck', 'Pec Deck (Machine)', 'Butterfly Pec Deck (Maschine)', ['chest'], [], 'machine', 'weight_reps'],
  ['push-up', 'Push Up', 'Liegestütz', ['chest'], ['triceps', 'shoulders'], 'bodyweight', 'bodyweight_reps'],
  ['push-up-weighted', 'Push Up (Weighted)', 'Liegestütz (mit Gewicht)', ['chest'], ['triceps', 'shoulders'], 'plate', 'weighted_bodyweight'],
  ['incline-push-up', 'Incline Push Up', 'Schräge Liegestütz', ['chest'], ['triceps'], 'bodyweight', 'bodyweight_reps'],
  ['decline-push-up', 'Decline Push Up', 'Liegestütz mit erhöhten Füßen', ['chest'], ['shoulders', 'triceps'], 'bodyweight', 'bodyweight_reps'],
  ['diamond-push-up', 'Diamond Push Up', 'Diamant-Liegestütz', ['triceps'], ['chest'], 'bodyweight', 'bodyweight_reps'],
  ['chest-dip', 'Chest Dip', 'Dips (Brust)', ['chest'], ['triceps', 'shoulders'], 'bodyweight', 'bodyweight_reps'],
  ['chest-dip-weighted', 'Chest Dip (Weighted)', 'Dips (Brust, mit Gewicht)', ['chest'], ['triceps', 'shoulders'], 'plate', 'weighted_bodyweight'],
  ['chest-dip-assisted', 'Chest Dip (Assisted)', 'Dips (Brust, unterstützt)', ['chest'], ['triceps'], 'machine', 'assisted_bodyweight'],
  ['pullover-dumbbell', 'Pullover (Dumbbell)', 'Überzüge (Kurzhantel)', ['chest'], ['lats'], 'dumbbell', 'weight_reps'],
  ['svend-press', 'Svend Press (Plate)', 'Svend Press (Hantelscheibe)', ['chest'], ['shoulders'], 'plate', 'weight_reps'],
  // back
  ['deadlift-barbell', 'Deadlift (Barbell)', 'Kreuzheben (Langhantel)', ['hamstrings', 'glutes', 'lower_back'], ['quads', 'traps', 'forearms'], 'barbell', 'weight_reps'],
  ['deadlift-trap-bar', 'Deadlift (Trap Bar)', 'Kreuzheben (Trap Bar)', ['quads', 'glutes'], ['hamstrings', 'lower_back', 'traps'], 'other', 'weight_reps'],
  ['deadlift-dumbbell', 'Deadlift (Dumbbell)', 'Kreuzheben (Kurzhantel)', ['hamstrings', 'glutes'], ['lower_back'], 'dumbbell', 'weight_reps'],
  ['sumo-deadlift', 'Sumo Deadlift (Barbell)', 'Sumo-Kreuzheben (Langhantel)', ['glutes', 'quads'], ['hamstrings', 'adductors', 'lower_back'], 'barbell', 'weight_reps'],
  ['romanian-deadlift-barbell', 'Romanian Deadlift (Barbell)', 'Rumänisches Kreuzheben (Langhantel)', ['hamstrings'], ['glutes', 'lower_back'], 'barbell', 'weight_reps'],
  ['romanian-deadlift-dumbbell', 'Romanian Deadlift (Dumbbell)', 'Rumänisches Kreuzheben (Kurzhantel)', ['hamstrings'], ['glutes', 'lower_back'], 'dumbbell', 'weight_reps'],
  ['stiff-leg-deadlift', 'Stiff Leg Deadlift (Barbell)', 'Kreuzheben mit gestreckten Beinen (Langhantel)', ['hamstrings'], ['lower_back', 'glutes'], 'barbell', 'weight_reps'],
  ['rack-pull', 'Rack Pull (Barbell)', 'Rack Pull (Langhantel)', ['lower_back', 'traps'], ['glutes', 'hamstrings'], 'barbell', 'weight_reps'],
  ['bent-over-row-barbell', 'Bent Over Row (Barbell)', 'Vorgebeugtes Rudern (Langhantel)', ['upper_back', 'lats'], ['biceps', 'lower_back'], 'barbell', 'weight_reps'],
  ['pendlay-row', 'Pendlay Row (Barbell)', 'Pendlay-Rudern (Langhantel)', ['upper_back', 'lats'], ['biceps', 'lower_back'], 'barbell', 'weight_reps'],
  ['dumbbell-row', 'Dumbbell Row', 'Einarmiges Kurzhantelrudern', ['lats', 'upper_back'], ['biceps'], 'dumbbell', 'weight_reps'],
  ['t-bar-row', 'T-Bar Row', 'T-Hantel-Rudern', ['upper_back', 'lats'], ['biceps'], 'other', 'weight_reps'],
  ['seated-cable-row', 'Seated Cable Row', 'Rudern am Kabelzug (sitzend)', ['upper_back', 'lats'], ['biceps'], 'cable', 'weight_reps'],
  ['seated-row-machine', 'Seated Row (Machine)', 'Rudern (Maschine)', ['upper_back', 'lats'], ['biceps'], 'machine', 'weight_reps'],
  ['chest-supported-row-dumbbell', 'Chest Supported Row (Dumbbell)', 'Brustgestütztes Rudern (Kurzhantel)', ['upper_back'], ['lats', 'biceps'], 'dumbbell', 'weight_reps'],
  ['inverted-row', 'Inverted Row', 'Umgekehrtes Rudern', ['upper_back'], ['biceps', 'lats'], 'bodyweight', 'bodyweight_reps'],
  ['lat-pulldown-cable', 'Lat Pulldown (Cable)', 'Latziehen (Kabelzug)', ['lats'], ['biceps', 'upper_back'], 'cable', 'weight_reps'],
  ['lat-pulldown-machine', 'Lat Pulldown (Machine)', 'Latziehen (Maschine)', ['lats'], ['biceps', 'upper_back'], 'machine', 'weight_reps'],
  ['close-grip-lat-pulldown', 'Lat Pulldown - Close Grip (Cable)', 'Latziehen eng (Kabelzug)', ['lats'], ['biceps'], 'cable', 'weight_reps'],
  ['straight-arm-pulldown', 'Straight Arm Pulldown (Cable)', 'Überzug am Kabel (gestreckte Arme)', ['lats'], ['triceps'], 'cable', 'weight_reps'],
  ['pull-up', 'Pull Up', 'Klimmzug', ['lats'], ['biceps', 'upper_back'], 'bodyweight', 'bodyweight_reps'],
  ['pull-up-weighted', 'Pull Up (Weighted)', 'Klimmzug (mit Gewicht)', ['lats'], ['biceps', 'upper_back'], 'plate', 'weighted_bodyweight'],
  ['pull-up-assisted', 'Pull Up (Assisted)', 'Klimmzug (unterstützt)', ['lats'], ['biceps', 'upper_back'], 'machine', 'assisted_bodyweight'],
  ['pull-up-band', 'Pull Up (Band)', 'Klimmzug (mit Band)', ['lats'], ['biceps'], 'band', 'assisted_bodyweight'],
  ['chin-up', 'Chin Up', 'Klimmzug im Untergriff', ['lats', 'biceps'], ['upper_back'], 'bodyweight', 'bodyweight_reps'],
  ['chin-up-weighted', 'Chin Up (Weighted)', 'Klimmzug im Untergriff (mit Gewicht)', ['lats', 'biceps'], ['upper_back'], 'plate', 'weighted_bodyweight'],
  ['chin-up-assisted', 'Chin Up (Assisted)', 'Klimmzug im Untergriff (unterstützt)', ['lats', 'biceps'], [], 'machine', 'assisted_bodyweight'],
  ['muscle-up', 'Muscle Up', 'Muscle-up', ['lats', 'triceps'], ['chest', 'biceps'], 'bodyweight', 'bodyweight_reps'],
  ['back-extension', 'Back Extension', 'Rückenstrecker (Hyperextension)', ['lower_back'], ['glutes', 'hamstrings'], 'bodyweight', 'bodyweight_reps'],
  ['back-extension-weighted', 'Back Extension (Weighted)', 'Rückenstrecker (mit Gewicht)', ['lower_back'], ['glutes', 'hamstrings'], 'plate', 'weighted_bodyweight'],
  ['good-morning', 'Good Morning (Barbell)', 'Good Morning (Langhantel)', ['hamstrings', 'lower_back'], ['glutes'], 'barbell', 'weight_reps'],
  ['shrug-barbell', 'Shrug (Barbell)', 'Schulterheben (Langhantel)', ['traps'], ['forearms'], 'barbell', 'weight_reps'],
  ['shrug-dumbbell', 'Shrug (Dumbbell)', 'Schulterheben (Kurzhantel)', ['traps'], ['forearms'], 'dumbbell', 'weight_reps'],
  ['face-pull', 'Face Pull (Cable)', 'Face Pull (Kabelzug)', ['shoulders', 'upper_back'], ['traps'], 'cable', 'weight_reps'],
  ['kettlebell-swing', 'Kettlebell Swing', 'Kettlebell-Swing', ['glutes', 'hamstrings'], ['lower_back', 'shoulders'], 'kettlebell', 'weight_reps'],
  ['superman', 'Superman', 'Superman', ['lower_back'], ['glutes'], 'bodyweight', 'bodyweight_reps'],
  // shoulders
  ['overhead-press-barbell', 'Overhead Press (Barbell)', 'Schulterdrücken stehend (Langhantel)', ['shoulders'], ['triceps', 'upper_back'], 'barbell', 'weight_reps'],
  ['overhead-press-dumbbell', 'Overhead Press (Dumbbell)', 'Schulterdrücken (Kurzhantel)', ['shoulders'], ['triceps'], 'dumbbell', 'weight_reps'],
  ['seated-overhead-press-barbell', 'Seated Overhead Press (Barbell)', 'Schulterdrücken sitzend (Langhantel)', ['shoulders'], ['triceps'], 'barbell', 'weight_reps'],
  ['shoulder-press-machine', 'Shoulder Press (Machine)', 'Schulterpresse (Maschine)', ['shoulders'], ['triceps'], 'machine', 'weight_reps'],
  ['push-press', 'Push Press (Barbell)', 'Push Press (Langhantel)', ['shoulders'], ['triceps', 'quads'], 'barbell', 'weight_reps'],
  ['arnold-press', 'Arnold Press (Dumbbell)', 'Arnold Press (Kurzhantel)', ['shoulders'], ['triceps'], 'dumbbell', 'weight_reps'],
  ['landmine-press', 'Landmine Press', 'Landmine Press', ['shoulders'], ['chest', 'triceps'], 'barbell', 'weight_reps'],
  ['lateral-raise-dumbbell', 'Lateral Raise (Dumbbell)', 'Seitheben (Kurzhantel)', ['shoulders'], [], 'dumbbell', 'weight_reps'],
  ['lateral-raise-cable', 'Lateral Raise (Cable)', 'Seitheben (Kabelzug)', ['shoulders'], [], 'cable', 'weight_reps'],
  ['lateral-raise-machine', 'Lateral Raise (Machine)', 'Seitheben (Maschine)', ['shoulders'], [], 'machine', 'weight_reps'],
  ['front-raise-dumbbell', 'Front Raise (Dumbbell)', 'Frontheben (Kurzhantel)', ['shoulders'], ['chest'], 'dumbbell', 'weight_reps'],
  ['front-raise-plate', 'Front Raise (Plate)', 'Frontheben (Hantelscheibe)', ['shoulders'], [], 'plate', 'weight_reps'],
  ['reverse-fly-dumbbell', 'Reverse Fly (Dumbbell)', 'Reverse Flys (Kurzhantel)', ['shoulders', 'upper_back'], [], 'dumbbell', 'weight_reps'],
  ['reverse-fly-machine', 'Reverse Fly (Machine)', 'Reverse Butterfly (Maschine)', ['shoulders', 'upper_back'], [], 'machine', 'weight_reps'],
  ['upright-row-barbell', 'Upright Row (Barbell)', 'Aufrechtes Rudern (Langhantel)', ['shoulders', 'traps'], ['biceps'], 'barbell', 'weight_reps'],
  ['handstand-push-up', 'Handstand Push Up', 'Handstand-Liegestütz', ['shoulders'], ['triceps'], 'bodyweight', 'bodyweight_reps'],
  ['pike-push-up', 'Pike Push Up', 'Pike-Liegestütz', ['shoulders'], ['triceps'], 'bodyweight', 'bodyweight_reps'],
  // arms
  ['bicep-curl-barbell', 'Bicep Curl (Barbell)', 'Bizepscurl (Langhantel)', ['biceps'], ['forearms'], 'barbell', 'weight_reps'],
  ['bicep-curl-dumbbell', 'Bicep Curl (Dumbbell)', 'Bizepscurl (Kurzhantel)', ['biceps'], ['forearms'], 'dumbbell', 'weight_reps'],
  ['bicep-curl-cable', 'Bicep Curl (Cable)', 'Bizepscurl (Kabelzug)', ['biceps'], ['forearms'], 'cable', 'weight_reps'],
  ['bicep-curl-machine', 'Bicep Curl (Machine)', 'Bizepscurl (Maschine)', ['biceps'], [], 'machine', 'weight_reps'],
  ['ez-bar-curl', 'EZ Bar Curl', 'SZ-Curl', ['biceps'], ['forearms'], 'barbell', 'weight_reps'],
  ['hammer-curl-dumbbell', 'Hammer Curl (Dumbbell)', 'Hammercurl (Kurzhantel)', ['biceps', 'forearms'], [], 'dumbbell', 'weight_reps'],
  ['hammer-curl-cable', 'Hammer Curl (Cable)', 'Hammercurl (Kabelzug)', ['biceps', 'forearms'], [], 'cable', 'weight_reps'],
  ['preacher-curl-barbell', 'Preacher Curl (Barbell)', 'Scottcurl (Langhantel)', ['biceps'], [], 'barbell', 'weight_reps'],
  ['preacher-curl-dumbbell', 'Preacher Curl (Dumbbell)', 'Scottcurl (Kurzhantel)', ['biceps'], [], 'dumbbell', 'weight_reps'],
  ['preacher-curl-machine', 'Preacher Curl (Machine)', 'Scottcurl (Maschine)', ['biceps'], [], 'machine', 'weight_reps'],
  ['concentration-curl', 'Concentration Curl (Dumbbell)', 'Konzentrationscurl (Kurzhantel)', ['biceps'], [], 'dumbbell', 'weight_reps'],
  ['incline-curl-dumbbell', 'Incline Curl (Dumbbell)', 'Schrägbank-Curl (Kurzhantel)', ['biceps'], [], 'dumbbell', 'weight_reps'],
  ['spider-curl', 'Spider Curl (Dumbbell)', 'Spider Curl (Kurzhantel)', ['biceps'], [], 'dumbbell', 'weight_reps'],
  ['reverse-curl-barbell', 'Reverse Curl (Barbell)', 'Reverse Curl (Langhantel)', ['forearms'], ['biceps'], 'barbell', 'weight_reps'],
  ['wrist-curl', 'Wrist Curl (Barbell)', 'Handgelenkcurl (Langhantel)', ['forearms'], [], 'barbell', 'weight_reps'],
  ['reverse-wrist-curl', 'Reverse Wrist Curl (Barbell)', 'Reverse Handgelenkcurl (Langhantel)', ['forearms'], [], 'barbell', 'weight_reps'],
  ['triceps-pushdown-cable', 'Triceps Pushdown (Cable)', 'Trizepsdrücken am Kabel', ['triceps'], [], 'cable', 'weight_reps'],
  ['triceps-rope-pushdown', 'Triceps Rope Pushdown', 'Trizepsdrücken am Seil', ['triceps'], [], 'cable', 'weight_reps'],
  ['overhead-triceps-extension-dumbbell', 'Overhead Triceps Extension (Dumbbell)', 'Trizepsstrecken über Kopf (Kurzhantel)', ['triceps'], [], 'dumbbell', 'weight_reps'],
  ['overhead-triceps-extension-cable', 'Overhead Triceps Extension (Cable)', 'Trizepsstrecken über Kopf (Kabelzug)', ['triceps'], [], 'cable', 'weight_reps'],
  ['skullcrusher-barbell', 'Skullcrusher (Barbell)', 'French Press (Langhantel)', ['triceps'], [], 'barbell', 'weight_reps'],
  ['skullcrusher-dumbbell', 'Skullcrusher (Dumbbell)', 'French Press (Kurzhantel)', ['triceps'], [], 'dumbbell', 'weight_reps'],
  ['triceps-kickback', 'Triceps Kickback (Dumbbell)', 'Trizeps-Kickback (Kurzhantel)', ['triceps'], [], 'dumbbell', 'weight_reps'],
  ['triceps-dip', 'Triceps Dip', 'Dips (Trizeps)', ['triceps'], ['chest', 'shoulders'], 'bodyweight', 'bodyweight_reps'],
  ['triceps-dip-weighted', 'Triceps Dip (Weighted)', 'Dips (Trizeps, mit Gewicht)', ['triceps'], ['chest', 'shoulders'], 'plate', 'weighted_bodyweight'],
  ['triceps-dip-assisted', 'Triceps Dip (Assisted)', 'Dips (Trizeps, unterstützt)', ['triceps'], ['chest'], 'machine', 'assisted_bodyweight'],
  ['bench-dip', 'Bench Dip', 'Bank-Dips', ['triceps'], ['shoulders'], 'bodyweight', 'bodyweight_reps'],
  ['triceps-extension-machine', 'Triceps Extension (Machine)', 'Trizepsstrecken (Maschine)', ['triceps'], [], 'machine', 'weight_reps'],
  // legs
  ['squat-barbell', 'Squat (Barbell)', 'Kniebeuge (Langhantel)', ['quads', 'glutes'], ['hamstrings', 'lower_back', 'adductors'], 'barbell', 'weight_reps'],
  ['front-squat', 'Front Squat (Barbell)', 'Frontkniebeuge (Langhantel)', ['quads'], ['glutes', 'abs'], 'barbell', 'weight_reps'],
  ['squat-smith', 'Squat (Smith Machine)', 'Kniebeuge (Multipresse)', ['quads', 'glutes'], ['hamstrings'], 'smith_machine', 'weight_reps'],
  ['goblet-squat', 'Goblet Squat (Kettlebell)', 'Goblet Squat (Kettlebell)', ['quads', 'glutes'], ['abs'], 'kettlebell', 'weight_reps'],
  ['goblet-squat-dumbbell', 'Goblet Squat (Dumbbell)', 'Goblet Squat (Kurzhantel)', ['quads', 'glutes'], ['abs'], 'dumbbell', 'weight_reps'],
  ['box-squat', 'Box Squat (Barbell)', 'Box-Kniebeuge (Langhantel)', ['quads', 'glutes'], ['hamstrings'], 'barbell', 'weight_reps'],
  ['hack-squat', 'Hack Squat (Machine)', 'Hackenschmidt-Kniebeuge (Maschine)', ['quads'], ['glutes'], 'machine', 'weight_reps'],
  ['bodyweight-squat', 'Air Squat', 'Kniebeuge ohne Gewicht', ['quads', 'glutes'], [], 'bodyweight', 'bodyweight_reps'],
  ['pistol-squat', 'Pistol Squat', 'Pistol Squat (einbeinig)', ['quads', 'glutes'], ['abs'], 'bodyweight', 'bodyweight_reps'],
  ['leg-press', 'Leg Press (Machine)', 'Beinpresse (Maschine)', ['quads', 'glutes'], ['hamstrings'], 'machine', 'weight_reps'],
  ['leg-extension', 'Leg Extension (Machine)', 'Beinstrecker (Maschine)', ['quads'], [], 'machine', 'weight_reps'],
  ['lying-leg-curl', 'Lying Leg Curl (Machine)', 'Beinbeuger liegend (Maschine)', ['hamstrings'], ['calves'], 'machine', 'weight_reps'],
  ['seated-leg-curl', 'Seated Leg Curl (Machine)', 'Beinbeuger sitzend (Maschine)', ['hamstrings'], [], 'machine', 'weight_reps'],
  ['nordic-hamstring-curl', 'Nordic Hamstring Curl', 'Nordic Curl', ['hamstrings'], [], 'bodyweight', 'bodyweight_reps'],
  ['lunge-barbell', 'Lunge (Barbell)', 'Ausfallschritt (Langhantel)', ['quads', 'glutes'], ['hamstrings'], 'barbell', 'weight_reps'],
  ['lunge-dumbbell', 'Lunge (Dumbbell)', 'Ausfallschritt (Kurzhantel)', ['quads', 'glutes'], ['hamstrings'], 'dumbbell', 'weight_reps'],
  ['lunge-bodyweight', 'Lunge', 'Ausfallschritt', ['quads', 'glutes'], ['hamstrings'], 'bodyweight', 'bodyweight_reps'],
  ['walking-lunge', 'Walking Lunge (Dumbbell)', 'Ausfallschritte gehend (Kurzhantel)', ['quads', 'glutes'], ['hamstrings'], 'dumbbell', 'weight_reps'],
  ['bulgarian-split-squat', 'Bulgarian Split Squat (Dumbbell)', 'Bulgarische Kniebeuge (Kurzhantel)', ['quads', 'glutes'], ['hamstrings'], 'dumbbell', 'weight_reps'],
  ['step-up', 'Step Up (Dumbbell)', 'Step-up (Kurzhantel)', ['quads', 'glutes'], [], 'dumbbell', 'weight_reps'],
  ['hip-thrust-barbell', 'Hip Thrust (Barbell)', 'Hip Thrust (Langhantel)', ['glutes'], ['hamstrings'], 'barbell', 'weight_reps'],
  ['hip-thrust-machine', 'Hip Thrust (Machine)', 'Hip Thrust (Maschine)', ['glutes'], ['hamstrings'], 'machine', 'weight_reps'],
  ['glute-bridge', 'Glute Bridge', 'Glute Bridge (Beckenheben)', ['glutes'], ['hamstrings'], 'bodyweight', 'bodyweight_reps'],
  ['glute-kickback-cable', 'Glute Kickback (Cable)', 'Glute Kickback (Kabelzug)', ['glutes'], [], 'cable', 'weight_reps'],
  ['hip-abduction-machine', 'Hip Abduction (Machine)', 'Abduktoren (Maschine)', ['abductors'], ['glutes'], 'machine', 'weight_reps'],
  ['hip-adduction-machine', 'Hip Adduction (Machine)', 'Adduktoren (Maschine)', ['adductors'], [], 'machine', 'weight_reps'],
  ['standing-calf-raise', 'Standing Calf Raise (Machine)', 'Wadenheben stehend (Maschine)', ['calves'], [], 'machine', 'weight_reps'],
  ['seated-calf-raise', 'Seated Calf Raise (Machine)', 'Wadenheben sitzend (Maschine)', ['calves'], [], 'machine', 'weight_reps'],
  ['calf-raise-dumbbell', 'Calf Raise (Dumbbell)', 'Wadenheben (Kurzhantel)', ['calves'], [], 'dumbbell', 'weight_reps'],
  ['calf-press-leg-press', 'Calf Press on Leg Press', 'Wadendrücken an der Beinpresse', ['calves'], [], 'machine', 'weight_reps'],
  ['jump-squat', 'Jump Squat', 'Sprungkniebeuge', ['quads', 'glutes'], ['calves'], 'bodyweight', 'bodyweight_reps'],
  ['box-jump', 'Box Jump', 'Box Jump', ['quads', 'glutes'], ['calves'], 'bodyweight', 'bodyweight_reps'],
  ['wall-sit', 'Wall Sit', 'Wandsitzen', ['quads'], ['glutes'], 'bodyweight', 'duration'],
  // olympic and full body
  ['power-clean', 'Power Clean', 'Power Clean (Umsetzen)', ['full_body'], ['quads', 'traps', 'glutes'], 'barbell', 'weight_reps'],
  ['hang-clean', 'Hang Clean (Barbell)', 'Hang Clean (Langhantel)', ['full_body'], ['traps', 'quads'], 'barbell', 'weight_reps'],
  ['clean-and-jerk', 'Clean and Jerk (Barbell)', 'Stoßen (Langhantel)', ['full_body'], ['shoulders', 'quads'], 'barbell', 'weight_reps'],
  ['snatch', 'Snatch (Barbell)', 'Reißen (Langhantel)', ['full_body'], ['shoulders', 'quads', 'traps'], 'barbell', 'weight_reps'],
  ['thruster-barbell', 'Thruster (Barbell)', 'Thruster (Langhantel)', ['quads', 'shoulders'], ['glutes', 'triceps'], 'barbell', 'weight_reps'],
  ['thruster-kettlebell', 'Thruster (Kettlebell)', 'Thruster (Kettlebell)', ['quads', 'shoulders'], ['glutes'], 'kettlebell', 'weight_reps'],
  ['kettlebell-turkish-get-up', 'Turkish Get Up (Kettlebell)', 'Turkish Get-up (Kettlebell)', ['full_body'], ['shoulders', 'abs'], 'kettlebell', 'weight_reps'],
  ['kettlebell-snatch', 'Kettlebell Snatch', 'Kettlebell Snatch', ['full_body'], ['shoulders', 'glutes'], 'kettlebell', 'weight_reps'],
  ['burpee', 'Burpee', 'Burpee', ['full_body'], ['chest', 'quads'], 'bodyweight', 'bodyweight_reps'],
  ['farmers-walk', "Farmer's Walk", 'Farmer’s Walk', ['forearms', 'traps'], ['full_body'], 'dumbbell', 'weight_distance'],
  ['sled-push', 'Sled Push', 'Schlitten schieben', ['quads', 'glutes'], ['calves'], 'other', 'weight_distance'],
  ['sled-pull', 'Sled Pull', 'Schlitten ziehen', ['hamstrings', 'glutes'], ['upper_back'], 'other', 'weight_distance'],
  ['sandbag-carry', 'Sandbag Carry', 'Sandsack tragen', ['full_body'], ['forearms'], 'other', 'weight_distance'],
  ['battle-ropes', 'Battle Ropes', 'Battle Ropes', ['shoulders'], ['cardio'], 'other', 'duration'],
  ['wall-ball', 'Wall Ball', 'Wall Ball', ['quads', 'shoulders'], ['glutes'], 'other', 'weight_reps'],
  // core
  ['plank', 'Plank', 'Unterarmstütz', ['abs'], ['shoulders'], 'bodyweight', 'duration'],
  ['side-plank', 'Side Plank', 'Seitstütz', ['obliques'], ['abs'], 'bodyweight', 'duration'],
  ['crunch', 'Crunch', 'Crunch', ['abs'], [], 'bodyweight', 'bodyweight_reps'],
  ['crunch-machine', 'Crunch (Machine)', 'Crunch (Maschine)', ['abs'], [], 'machine', 'weight_reps'],
  ['cable-crunch', 'Cable Crunch', 'Crunch am Kabelzug', ['abs'], [], 'cable', 'weight_reps'],
  ['sit-up', 'Sit Up', 'Sit-up', ['abs'], [], 'bodyweight', 'bodyweight_reps'],
  ['decline-sit-up', 'Decline Sit Up', 'Sit-up auf der Negativbank', ['abs'], [], 'bodyweight', 'bodyweight_reps'],
  ['hanging-leg-raise', 'Hanging Leg Raise', 'Beinheben hängend', ['abs'], ['forearms'], 'bodyweight', 'bodyweight_reps'],
  ['hanging-knee-raise', 'Hanging Knee Raise', 'Knieheben hängend', ['abs'], [], 'bodyweight', 'bodyweight_reps'],
  ['lying-leg-raise', 'Lying Leg Raise', 'Beinheben liegend', ['abs'], [], 'bodyweight', 'bodyweight_reps'],
  ['russian-twist', 'Russian Twist', 'Russian Twist', ['obliques'], ['abs'], 'bodyweight', 'bodyweight_reps'],
  ['russian-twist-weighted', 'Russian Twist (Weighted)', 'Russian Twist (mit Gewicht)', ['obliques'], ['abs'], 'plate', 'weighted_bodyweight'],
  ['ab-wheel', 'Ab Wheel', 'Bauchroller', ['abs'], ['shoulders', 'lats'], 'other', 'bodyweight_reps'],
  ['bicycle-crunch', 'Bicycle Crunch', 'Fahrrad-Crunch', ['abs', 'obliques'], [], 'bodyweight', 'bodyweight_reps'],
  ['mountain-climber', 'Mountain Climber', 'Bergsteiger', ['abs'], ['shoulders', 'cardio'], 'bodyweight', 'bodyweight_reps'],
  ['dead-bug', 'Dead Bug', 'Dead Bug', ['abs'], [], 'bodyweight', 'bodyweight_reps'],
  ['pallof-press', 'Pallof Press (Cable)', 'Pallof Press (Kabelzug)', ['obliques'], ['abs'], 'cable', 'weight_reps'],
  ['woodchopper-cable', 'Woodchopper (Cable)', 'Holzhacker (Kabelzug)', ['obliques'], ['abs', 'shoulders'], 'cable', 'weight_reps'],
  ['hollow-hold', 'Hollow Body Hold', 'Hollow Body Hold', ['abs'], [], 'bodyweight', 'duration'],
  ['l-sit', 'L-Sit', 'L-Sitz', ['abs'], ['triceps', 'quads'], 'bodyweight', 'duration'],
  ['dead-hang', 'Dead Hang', 'Passives Hängen', ['forearms'], ['lats'], 'bodyweight', 'duration'],
  ['neck-curl', 'Neck Curl (Plate)', 'Nackencurl (Hantelscheibe)', ['neck'], [], 'plate', 'weight_reps'],
  // cardio
  ['running', 'Running', 'Laufen', ['cardio'], ['quads', 'calves'], 'none', 'distance_duration'],
  ['treadmill', 'Treadmill', 'Laufband', ['cardio'], ['quads', 'calves'], 'machine', 'distance_duration'],
  ['walking', 'Walking', 'Gehen', ['cardio'], ['calves'], 'none', 'distance_duration'],
  ['hiking', 'Hiking', 'Wandern', ['cardio'], ['quads', 'glutes'], 'none', 'distance_duration'],
  ['cycling', 'Cycling', 'Radfahren', ['cardio'], ['quads'], 'none', 'distance_duration'],
  ['cycling-indoor', 'Cycling (Indoor)', 'Radfahren (Indoor)', ['cardio'], ['quads'], 'machine', 'distance_duration'],
  ['rowing-machine', 'Rowing (Machine)', 'Rudergerät', ['cardio'], ['upper_back', 'quads'], 'machine', 'distance_duration'],
  ['elliptical', 'Elliptical Trainer', 'Crosstrainer', ['cardio'], ['quads'], 'machine', 'distance_duration'],
  ['stair-climber', 'Stair Climber', 'Stepper', ['cardio'], ['quads', 'glutes', 'calves'], 'machine', 'duration'],
  ['swimming', 'Swimming', 'Schwimmen', ['cardio'], ['lats', 'shoulders'], 'none', 'distance_duration'],
  ['jump-rope', 'Jump Rope', 'Seilspringen', ['cardio'], ['calves'], 'other', 'duration'],
  ['ski-erg', 'Ski Erg', 'Ski-Ergometer', ['cardio'], ['lats', 'triceps'], 'machine', 'distance_duration'],
  ['assault-bike', 'Air Bike', 'Air Bike', ['cardio'], ['quads', 'shoulders'], 'machine', 'distance_duration'],
  ['jumping-jack', 'Jumping Jack', 'Hampelmann', ['cardio'], ['calves'], 'bodyweight', 'bodyweight_reps'],
  ['stretching', 'Stretching', 'Dehnen', ['full_body'], [], 'none', 'duration'],
  ['yoga', 'Yoga', 'Yoga', ['full_body'], [], 'none', 'duration'],
];

/**
 * A fixed, valid UUIDv7 per slug: the timestamp part is the catalog's epoch (2026-01-01) and
 * the rest comes from the slug's hash, so every install has the same ids.
 */
export function catalogExerciseId(slug: string): string {
  const hash = createHash('sha256').update(`exercise:${slug}`).digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Date.UTC(2026, 0, 1), 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const exerciseCatalog: readonly CatalogExercise[] = rows.map(([slug, nameEn, nameDe, primary, secondary, equipment, tracking]) => ({
  slug,
  nameEn,
  nameDe,
  primary,
  secondary,
  equipment,
  tracking,
}));

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const array = (values: string[]) => (values.length ? `ARRAY[${values.map(quote).join(',')}]::text[]` : `'{}'::text[]`);

/** The INSERTs of the catalog migration; the test compares the committed migration with this. */
export function catalogSql(): string {
  const values = exerciseCatalog.map(
    (e) =>
      `(${quote(catalogExerciseId(e.slug))}, NULL, ${quote(e.slug)}, ${quote(e.nameEn)}, ${quote(e.nameDe)}, ${array(e.primary)}, ${array(e.secondary)}, ${quote(e.equipment)}, ${quote(e.tracking)})`,
  );
  return (
    '-- The built-in exercise catalog (generated from apps/server/src/modules/workouts/exercise-catalog.data.ts).\n' +
    'INSERT INTO "exercises" ("id", "owner_id", "slug", "name_en", "name_de", "primary_muscles", "secondary_muscles", "equipment", "tracking_type") VALUES\n' +
    values.join(',\n') +
    '\nON CONFLICT ("slug") DO NOTHING;\n'
  );
}
