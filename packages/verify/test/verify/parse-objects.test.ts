import { describe, expect, it } from 'vitest';
import { parseObjects } from '../../src/render/parse-objects.ts';

describe('parseObjects', () => {
  it('when the stream has several documents and empty ones, then it returns each object', () => {
    const text =
      '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b}\n';

    expect(parseObjects(text).map(({ kind }) => kind)).toEqual(['Namespace', 'ServiceAccount']);
  });

  it('when a document is not a Kubernetes object, then the error names the document', () => {
    const text = 'apiVersion: v1\nkind: Namespace\n---\n- just\n- a list\n';

    expect(() => parseObjects(text)).toThrow('document 2 is not a Kubernetes object');
  });

  it('when a document is not YAML, then the error names the document', () => {
    expect(() => parseObjects('kind: [unclosed\n')).toThrow(/^document 1: /);
  });
});
