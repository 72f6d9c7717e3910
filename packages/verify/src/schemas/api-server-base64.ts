// The validator's `byte` pattern is one line of base64, but the API server decodes `format: byte`
// fields with Go's encoding/json, that is base64.StdEncoding, which skips \r and \n wherever they
// stand (https://pkg.go.dev/encoding/base64#Encoding.Decode). kustomize's secretGenerator wraps
// long values over several lines, so the stricter pattern would fail valid Secrets.
const alphabet = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Whether the API server accepts a string for a `format: byte` field: padded standard base64,
 * line breaks ignored.
 * @example isApiServerBase64('aGVs\nbG8=\n') // true
 */
export function isApiServerBase64(value: string): boolean {
  const text = value.replaceAll(/[\r\n]/g, '');
  // Whole 4-character quanta, `=` only as the last one or two: exactly the padded encoding.
  return text.length % 4 === 0 && alphabet.test(text);
}
