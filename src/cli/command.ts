import { Command, type Option } from 'commander';
import { InputError } from '../errors.js';

/**
 * How a command with modes words an option given to a mode that does not take it: `flag` was given
 * to mode `used` and belongs to the modes `applies`.
 */
export type Misplaced = (flag: string, used: string, applies: readonly string[]) => string;

/** The usual wording: "--x applies to <mode> and <mode>, not to <mode>", each mode by its name in `names`. */
export function misplacedByName(names: Readonly<Record<string, string>>): Misplaced {
  return (flag, used, applies) =>
    `${flag} applies to ${applies.map((m) => names[m]).join(' and ')}, not to ${names[used]}`;
}

export interface Mode {
  readonly name: string;
  readonly description: string;
  /** The older spelling of the mode, a flag on the parent (`concentration --simulate`), still accepted. */
  readonly flag?: string;
  /** The mode run when none is named (`concentration --depth 10 ...` is `concentration bound ...`). */
  readonly isDefault?: boolean;
}

/**
 * commander's Command, with its own errors (unknown option, missing mandatory option, conflicting
 * options, bad choice) ending like every other bad input of ntkcalc: an InputError, so one line on
 * stderr and exit code 2. Subcommands are made the same way. A command may have modes: subcommands
 * that split one job into separate ones, each declaring only the options it reads, so an option of
 * another mode is refused by commander rather than by a hand-written check.
 */
export class NtkCommand extends Command {
  private readonly modeFlags = new Map<string, string>();
  private misplaced?: Misplaced;

  override createCommand(name?: string): NtkCommand {
    return new NtkCommand(name);
  }

  /** Declares the modes of this command; returns their subcommands, for their options and actions. */
  addModes(modes: readonly Mode[], misplaced: Misplaced): NtkCommand[] {
    this.misplaced = misplaced;
    return modes.map((m) => {
      if (m.flag !== undefined) this.modeFlags.set(m.flag, m.name);
      return this.command(m.name, { isDefault: m.isDefault }).description(m.description) as NtkCommand;
    });
  }

  /** The old spelling `--simulate` is read as the subcommand `simulate` it names. */
  override parseOptions(argv: string[]): ReturnType<Command['parseOptions']> {
    const given = argv.filter((a) => this.modeFlags.has(a));
    if (given.length > 1) throw new InputError(`give either ${given[0]} or ${given[1]}, not both`);
    if (given.length === 0) return super.parseOptions(argv);
    const mode = this.modeFlags.get(given[0]) as string;
    return super.parseOptions([mode, ...argv.filter((a) => a !== given[0])]);
  }

  /**
   * commander calls this for a mandatory option left unset. When --spec FILE is given, the options
   * it excludes (addPaperSpecOption) come from the file, so they are not required on the line.
   * (A method commander's typings leave out; it is the hook its docs name for this check.)
   */
  missingMandatoryOptionValue(option: Option): void {
    const spec = this.options.find((o) => o.long === '--spec') as (Option & { conflictsWith: string[] }) | undefined;
    if (spec && this.getOptionValue('spec') !== undefined && spec.conflictsWith.includes(option.attributeName()))
      return;
    this.error(`error: required option '${option.flags}' not specified`, {
      code: 'commander.missingMandatoryOptionValue',
    });
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    throw new InputError(this.oneLine(message.replace(/^error: /, ''), errorOptions?.code));
  }

  private oneLine(message: string, code: string | undefined): string {
    const long = (flags: string) => this.options.find((o) => o.flags === flags)?.long ?? flags;
    if (code === 'commander.missingMandatoryOptionValue') {
      const flags = /'([^']+)'/.exec(message)?.[1] ?? '';
      const option = this.options.find((o) => o.flags === flags);
      return `${long(flags)} is required: ${option?.description ?? ''}`;
    }
    if (code === 'commander.conflictingOption') {
      const [, a, b] = /option '([^']+)' cannot be used with option '([^']+)'/.exec(message) ?? [];
      if (a !== undefined) return `give either ${long(a)} or ${long(b)}, not both`;
    }
    if (code === 'commander.unknownOption') {
      const flag = (/'([^']+)'/.exec(message)?.[1] ?? '').replace(/=.*/, '');
      const misplaced = this.misplacedMessage(flag);
      if (misplaced !== undefined) return misplaced;
    }
    // commander puts its suggestion ("(Did you mean --depth?)") on a line of its own.
    return `${message.replace(/\n/g, ' ').replace(/\.$/, '')}; see ${this.commandPath()} --help`;
  }

  /** An option of a sibling mode, named as the parent words it. */
  private misplacedMessage(flag: string): string | undefined {
    const parent = this.parent as NtkCommand | null;
    if (!parent?.misplaced) return undefined;
    const applies = parent.commands
      .filter((c) => c !== this && c.options.some((o) => o.long === flag))
      .map((c) => c.name());
    return applies.length === 0 ? undefined : parent.misplaced(flag, this.name(), applies);
  }

  private commandPath(): string {
    const names: string[] = [];
    for (let c: Command | null = this; c; c = c.parent) names.unshift(c.name());
    return names.join(' ');
  }
}
