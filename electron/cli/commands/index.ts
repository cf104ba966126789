// Every CLI command, in the order `workbench --help` lists them. Each feature adds its own.
import type { Command } from '../command';
import { annotateCommand } from './annotate';
import { annotationsCommand } from './annotations';
import { annotationsExportCommand, annotationsImportCommand } from './annotations-exchange';
import { backupCommand, restoreCommand } from './backup';
import { briefingCommand } from './briefing';
import { bundleCommand } from './bundle';
import { briefingsCommand } from './briefings';
import { docsCommand } from './docs';
import { exportCommand } from './export';
import { importCommand } from './import';
import { initCommand } from './init';
import { libraryCommand } from './library';
import { matrixCommand } from './matrix';
import { memoCommand } from './memo';
import { pillarsCommand } from './pillars';
import { profileCommand } from './profile';
import { searchCommand } from './search';
import { segmentsCommand } from './segments';
import { showCommand } from './show';
import { statementsCommand } from './statements';
import { suggestCommand } from './suggest';
import { historyCommand, redoCommand, undoCommand } from './undo';

export const commands: Command[] = [initCommand, docsCommand, statementsCommand, showCommand, searchCommand, importCommand,
  suggestCommand, annotateCommand, annotationsCommand, pillarsCommand, undoCommand, redoCommand, historyCommand,
  annotationsExportCommand, annotationsImportCommand, bundleCommand, backupCommand, restoreCommand, libraryCommand,
  briefingCommand, briefingsCommand, exportCommand, matrixCommand, segmentsCommand, memoCommand, profileCommand];
