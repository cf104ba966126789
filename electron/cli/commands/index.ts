// Every CLI command, in the order `workbench --help` lists them. Each feature adds its own.
import type { Command } from '../command';
import { briefingCommand } from './briefing';
import { briefingsCommand } from './briefings';
import { docsCommand } from './docs';
import { exportCommand } from './export';
import { importCommand } from './import';
import { initCommand } from './init';
import { showCommand } from './show';
import { statementsCommand } from './statements';

export const commands: Command[] = [initCommand, docsCommand, statementsCommand, showCommand, importCommand, briefingCommand, briefingsCommand, exportCommand];
