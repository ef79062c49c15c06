import { parser } from '@lezer/python';

/** Error nodes lezer leaves where it could not parse Python (0 for a well-formed file). */
export function pythonSyntaxErrors(text: string): number {
  let errors = 0;
  parser.parse(text).iterate({ enter: (n) => { if (n.type.isError) errors++; } });
  return errors;
}
