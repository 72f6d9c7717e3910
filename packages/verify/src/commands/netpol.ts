export const summary = 'not built yet';

export function run(): Promise<number> {
  console.error('bulkhead netpol: not built yet');
  return Promise.resolve(2);
}
