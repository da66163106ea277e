export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}
