/**
 * Drift on mutated real captures: each way AliExpress can change a page gives the named
 * "partly read" reason, and the unchanged captures and fixtures give none.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readApiBody } from '../../../src/aliexpress';
import { readState } from '../../../src/aliexpress/health';
import { ownDir, ownJson, READ_AT, realDetailBody, realListCapture } from './fixtures';

const DETAIL_URL = 'https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322';
const ctx = { readAt: READ_AT, pageUrl: DETAIL_URL };

type Json = Record<string, unknown>;

/** The real detail capture with one component changed by `change` (found by its tag). */
function detailWith(tag: string, change: (component: Json, components: Json) => void): Json {
  const body = structuredClone(realDetailBody()) as Json;
  const components = (body.data as Json).data as Json;
  const entry = Object.entries(components).find(([, value]) => (value as Json).tag === tag);
  if (!entry) throw new Error(`no ${tag} in the capture`);
  change(entry[1] as Json, components);
  return body;
}

const fieldsOf = (component: Json) => component.fields as Json;

function readDetailBody(body: unknown) {
  const result = readApiBody('detail', body, ctx);
  return { result, state: readState(result.health), drift: result.health.drift ?? [] };
}

function listWith(change: (order: Json) => void): unknown {
  const body = JSON.parse(realListCapture().body) as Json;
  const components = (body.data as Json).data as Json;
  const first = Object.values(components).find((value) => (value as Json).tag === 'pc_om_list_order') as Json;
  change(first);
  return body;
}

describe('no drift on what we know', () => {
  const names = readdirSync(ownDir).filter(
    (name) =>
      name.endsWith('.json') && !['detail.renamed-services.json', 'list.statuses.en.json'].includes(name),
  );
  it.each(names)('%s reads in full', (name) => {
    const api = name.startsWith('detail')
      ? 'detail'
      : name.startsWith('tracking')
        ? 'tracking'
        : name.startsWith('refunds')
          ? 'refunds'
          : 'list';
    const pageUrl =
      api === 'tracking'
        ? 'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322'
        : DETAIL_URL;
    const result = readApiBody(api, ownJson(name), { readAt: READ_AT, pageUrl });
    expect(result.health.drift).toEqual([]);
    expect(readState(result.health)).toBe('read');
  });

  it('the real detail and list captures read in full', () => {
    expect(readDetailBody(realDetailBody()).drift).toEqual([]);
    expect(readDetailBody(realDetailBody()).state).toBe('read');
    const list = readApiBody('list', realListCapture(), { readAt: READ_AT });
    expect(list.health.drift).toEqual([]);
  });
});

describe('each kind of drift on the real detail capture', () => {
  it('a component we rely on is absent: the info block (dates) gone', () => {
    const body = detailWith('detail_simple_order_info_component', (component, components) => {
      for (const [key, value] of Object.entries(components)) if (value === component) delete components[key];
    });
    const { state, drift, result } = readDetailBody(body);
    expect(state).toBe('partly');
    expect(result.snapshots).toHaveLength(1);
    expect(drift).toContainEqual({
      kind: 'missing-component',
      where: 'detail_simple_order_info_component',
      effect: 'dates',
    });
    // and the dates a completed order must have are named
    for (const field of ['placedOn', 'paidOn', 'shippedOn', 'completedOn'])
      expect(drift).toContainEqual({ kind: 'missing-field', where: field, effect: 'dates' });
  });

  it('the dates left the body (fields gone, block still there)', () => {
    const body = detailWith('detail_simple_order_info_component', (component) => {
      const fields = fieldsOf(component);
      for (const name of ['orderCreatTime', 'payTime', 'orderShipTime', 'orderEndTime']) delete fields[name];
    });
    const { state, drift } = readDetailBody(body);
    expect(state).toBe('partly');
    expect(drift.map((d) => `${d.kind} ${d.where} ${d.effect}`)).toEqual([
      'missing-field placedOn dates',
      'missing-field paidOn dates',
      'missing-field shippedOn dates',
      'missing-field completedOn dates',
    ]);
  });

  it('a field we read has another type: orderCreatTime as an epoch number', () => {
    const body = detailWith('detail_simple_order_info_component', (component) => {
      fieldsOf(component).orderCreatTime = 1784073600000;
    });
    const { state, drift } = readDetailBody(body);
    expect(state).toBe('partly');
    expect(drift).toContainEqual({
      kind: 'wrong-type',
      where: 'detail_simple_order_info_component.orderCreatTime',
      effect: 'dates',
      text: 'number',
      expected: 'string',
    });
  });

  it('a field we read has another type: the services list as an object', () => {
    const body = detailWith('detail_order_services', (component) => {
      fieldsOf(component).data = { first: 'Refund if no delivery before Sep 4, 2026' };
    });
    const { drift } = readDetailBody(body);
    expect(drift).toContainEqual({
      kind: 'wrong-type',
      where: 'detail_order_services.data',
      effect: 'deadlines',
      text: 'object',
      expected: 'array',
    });
  });

  it('a status text no language table knows', () => {
    const body = detailWith('detail_order_status_block', (component) => {
      fieldsOf(component).title = 'Entregue ao comprador';
    });
    const { state, drift } = readDetailBody(body);
    expect(state).toBe('partly');
    expect(drift).toContainEqual({
      kind: 'unknown-status',
      where: 'detail_order_status_block.title',
      effect: 'status',
      text: 'Entregue ao comprador',
    });
  });

  it('a date text in no shape we read', () => {
    const body = detailWith('detail_simple_order_info_component', (component) => {
      fieldsOf(component).orderCreatTime = '15th of the seventh moon, 2026';
    });
    const { state, drift } = readDetailBody(body);
    expect(state).toBe('partly');
    expect(drift).toContainEqual({
      kind: 'unknown-date',
      where: 'detail_simple_order_info_component.orderCreatTime',
      effect: 'dates',
      text: '15th of the seventh moon, 2026',
    });
  });

  it('a component tag never seen on the order page', () => {
    const body = detailWith('detail_order_status_block', (_component, components) => {
      components.detail_order_insurance_block_555 = { tag: 'detail_order_insurance_block', fields: {} };
    });
    const { state, drift } = readDetailBody(body);
    expect(state).toBe('partly');
    expect(drift).toEqual([{ kind: 'new-component', where: 'detail_order_insurance_block', effect: 'none' }]);
  });

  it('the services block renamed: its deadline missing, the new tag named', () => {
    const { drift } = readDetailBody(ownJson('detail.renamed-services.json'));
    expect(drift).toContainEqual({
      kind: 'missing-component',
      where: 'detail_order_services',
      effect: 'deadlines',
    });
    expect(drift).toContainEqual({
      kind: 'new-component',
      where: 'detail_order_services_v2',
      effect: 'none',
    });
  });

  it('nothing known in the body: unreadable, with what is missing and what is new', () => {
    const body = {
      api: 'mtop.aliexpress.trade.buyer.order.detail',
      data: { data: { x_1: { tag: 'order_v3_root' } } },
    };
    const { state, drift } = readDetailBody(body);
    expect(state).toBe('unreadable');
    expect(drift).toContainEqual({ kind: 'new-component', where: 'order_v3_root', effect: 'none' });
    expect(drift).toContainEqual({
      kind: 'missing-component',
      where: 'detail_simple_order_info_component',
      effect: 'dates',
    });
  });

  it('an expired session is not drift', () => {
    const { state, drift } = readDetailBody({ ret: ['FAIL_SYS_SESSION_EXPIRED::Session expired'], data: {} });
    expect(state).toBe('unreadable');
    expect(drift).toEqual([]);
  });
});

describe('drift on the real list capture', () => {
  it('an unknown status, an unreadable date, order lines of another type, a new tag', () => {
    const body = listWith((order) => {
      const fields = order.fields as Json;
      fields.statusText = 'Parcel with courier';
      fields.orderDateText = 'Yesterday';
      fields.orderLines = { line: 1 };
    });
    const components = ((body as Json).data as Json).data as Json;
    components.pc_om_list_banner_1 = { tag: 'pc_om_list_banner', fields: {} };
    const result = readApiBody('list', body, { readAt: READ_AT });
    expect(readState(result.health)).toBe('partly');
    const drift = result.health.drift ?? [];
    expect(drift).toContainEqual({
      kind: 'unknown-status',
      where: 'pc_om_list_order.statusText',
      effect: 'status',
      text: 'Parcel with courier',
    });
    expect(drift).toContainEqual({
      kind: 'unknown-date',
      where: 'pc_om_list_order.orderDateText',
      effect: 'dates',
      text: 'Yesterday',
    });
    expect(drift).toContainEqual({
      kind: 'wrong-type',
      where: 'pc_om_list_order.orderLines',
      effect: 'items',
      text: 'object',
      expected: 'array',
    });
    expect(drift).toContainEqual({ kind: 'new-component', where: 'pc_om_list_banner', effect: 'none' });
  });

  it('no order component and no list body: the orders could not be read', () => {
    const result = readApiBody(
      'list',
      { api: 'mtop.aliexpress.trade.buyer.order.list', data: { data: {} } },
      { readAt: READ_AT },
    );
    expect(readState(result.health)).toBe('unreadable');
    expect(result.health.drift).toEqual([
      { kind: 'missing-component', where: 'pc_om_list_order', effect: 'orders' },
    ]);
  });

  it('an empty list (its body component, no order) is no drift', () => {
    const empty = {
      api: 'mtop.aliexpress.trade.buyer.order.list',
      data: { data: { pc_om_list_body_1: { tag: 'pc_om_list_body', fields: { hasMore: false } } } },
    };
    expect(readApiBody('list', empty, { readAt: READ_AT }).health.drift).toEqual([]);
  });
});

describe('drift on tracking and refunds', () => {
  it('tracking events of another type', () => {
    const body = structuredClone(ownJson('tracking.delivered.json')) as Json;
    const line = (((body.data as Json).module as Json).trackingDetailLineList as Json[])[0] as Json;
    line.detailList = 'see app';
    const result = readApiBody('tracking', body, {
      readAt: READ_AT,
      pageUrl: 'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322',
    });
    expect(result.health.drift).toContainEqual({
      kind: 'wrong-type',
      where: 'trackingDetailLineList[].detailList',
      effect: 'tracking',
      text: 'string',
      expected: 'array',
    });
  });

  it('a refund case date in no shape we read', () => {
    const body = structuredClone(ownJson('refunds.json')) as Json;
    const list = ((body.data as Json).result as Json).reverseOrderList as Json[];
    (list[0] as Json).gmtCreateFormat = 'twentieth of August';
    const result = readApiBody('refunds', body, { readAt: READ_AT });
    expect(result.health.drift).toContainEqual({
      kind: 'unknown-date',
      where: 'gmtCreateFormat',
      effect: 'cases',
      text: 'twentieth of August',
    });
  });
});
