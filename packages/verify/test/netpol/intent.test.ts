import { describe, expect, it } from 'vitest';

import { diffIntent, parseIntent, type Flow } from '../../src/netpol/index.ts';

describe('parseIntent', () => {
  it('when entries are given, then each becomes a flow, protocol defaulting to TCP', () => {
    const intent = parseIntent(
      '- {from: a/web, to: b/api, port: 8443}\n- {from: a/web, to: kube-dns, port: 53, protocol: UDP}',
    );
    expect(intent).toEqual([
      { from: 'a/web', to: 'b/api', port: 8443, protocol: 'TCP' },
      { from: 'a/web', to: 'kube-dns', port: 53, protocol: 'UDP' },
    ]);
  });

  it('when the file is empty or an empty list, then nothing is intended', () => {
    expect(parseIntent('# nothing may talk\n')).toEqual([]);
    expect(parseIntent('[]')).toEqual([]);
  });

  it.each([
    ['from: a/web', /expected a YAML list/],
    ['- a/web', /entry 1: expected a mapping/],
    ['- {from: a/web, to: b/api, port: 8443, prot: UDP}', /entry 1: unknown field "prot"/],
    ['- {to: b/api, port: 8443}', /entry 1: "from"/],
    [
      '- {from: a/web, to: b/api, port: 8443}\n- {from: a/web, to: b/api, port: "https"}',
      /entry 2: "port"/,
    ],
    ['- {from: a/web, to: b/api, port: 70000}', /"port" must be a port number/],
    ['- {from: a/web, to: b/api, port: 53, protocol: udp}', /"protocol" must be TCP, UDP or SCTP/],
  ])('when the intent is %j, then it throws naming the entry and field', (text, message) => {
    expect(() => parseIntent(text)).toThrow(message);
  });
});

describe('diffIntent', () => {
  const flow = (from: string, to: string, allowed: boolean): Flow => ({
    from,
    to,
    port: 8443,
    protocol: 'TCP',
    allowed,
  });
  const flows = [
    flow('a/web', 'b/api', true),
    flow('a/web', 'c/db', true),
    flow('b/api', 'c/db', false),
  ];

  it('when the allowed flows are exactly the intended ones, then there is no difference', () => {
    const intent = parseIntent(
      '- {from: a/web, to: b/api, port: 8443}\n- {from: a/web, to: c/db, port: 8443}',
    );
    expect(diffIntent(flows, intent)).toEqual([]);
  });

  it('when a flow is allowed but not intended, or intended but denied, then each is reported', () => {
    const intent = parseIntent(
      '- {from: a/web, to: b/api, port: 8443}\n- {from: b/api, to: c/db, port: 8443}',
    );
    expect(diffIntent(flows, intent)).toEqual([
      { from: 'a/web', to: 'c/db', port: 8443, protocol: 'TCP', problem: 'unintended' },
      { from: 'b/api', to: 'c/db', port: 8443, protocol: 'TCP', problem: 'denied' },
    ]);
  });

  it('when an intended flow is not in the matrix, then it is reported once as unknown', () => {
    const entry =
      '- {from: a/web, to: b/api, port: 8443}\n- {from: a/web, to: c/db, port: 8443}\n- {from: a/wbe, to: b/api, port: 8443}\n';
    expect(diffIntent(flows, parseIntent(entry + entry))).toEqual([
      { from: 'a/wbe', to: 'b/api', port: 8443, protocol: 'TCP', problem: 'unknown' },
    ]);
  });
});
