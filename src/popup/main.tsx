import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { StoredOrder } from '../core/model';
import { StoredOrder as StoredOrderSchema } from '../core/model';
import { z } from '../core/z';

function readOrders(all: Record<string, unknown>): StoredOrder[] {
  const orders: StoredOrder[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith('order:')) continue;
    const parsed = z.safeParse(StoredOrderSchema, value);
    if (parsed.success) orders.push(parsed.data);
  }
  return orders;
}

function title(order: StoredOrder): string {
  const read = order.reads.detail ?? order.reads.list ?? Object.values(order.reads)[0];
  return read?.items?.[0]?.title ?? order.orderId;
}

function App() {
  const [orders, setOrders] = useState<StoredOrder[] | null>(null);
  useEffect(() => {
    const load = () => browser.storage.local.get(null).then((all) => setOrders(readOrders(all)));
    load();
    browser.storage.onChanged.addListener(load);
    return () => browser.storage.onChanged.removeListener(load);
  }, []);
  if (orders === null) return null;
  if (orders.length === 0) return <p>{browser.i18n.getMessage('popupEmpty')}</p>;
  return (
    <main>
      <h1>{browser.i18n.getMessage('popupTitle')}</h1>
      <ul>
        {orders.map((o) => (
          <li key={o.orderId} data-order-id={o.orderId}>
            {title(o)}
          </li>
        ))}
      </ul>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
