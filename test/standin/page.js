// The stand-in's front end: plays the part of AliExpress's client-rendered order pages.
// It calls the API host exactly as the real pages do (fetch by default; `?via=xhr` or `?via=jsonp`
// for the other two transports), renders with textContent only, and navigates like a SPA.
(() => {
  const root = document.getElementById('root');
  const kind = document.body.dataset.kind;
  const params = new URLSearchParams(location.search);
  const via = params.get('via') || 'fetch';
  const APIS = {
    list: 'mtop.aliexpress.trade.buyer.order.list',
    detail: 'mtop.aliexpress.trade.buyer.order.detail',
    tracking: 'mtop.ae.ld.querydetail',
    refunds: 'mtop.aliexpress.buyer.reverse.queryreverseorderpagelistforbuyer',
  };
  let jsonpCounter = 0;

  function apiUrl(api, data, extra) {
    const q = new URLSearchParams({
      jsv: '2.5.1',
      appKey: '12574478',
      t: String(Date.now()),
      sign: 'standin',
      api,
      v: '1.0',
      type: 'originaljson',
      dataType: 'json',
      data: JSON.stringify(data),
      ...extra,
    });
    return `https://acs.aliexpress.com/h5/${api}/1.0/?${q}`;
  }

  function call(api, data) {
    if (via === 'xhr') {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', apiUrl(api, data));
        xhr.withCredentials = true;
        xhr.onload = () =>
          xhr.status === 200 ? resolve(JSON.parse(xhr.responseText)) : reject(new Error(String(xhr.status)));
        xhr.onerror = () => reject(new Error('xhr failed'));
        xhr.send();
      });
    }
    if (via === 'jsonp') {
      return new Promise((resolve, reject) => {
        jsonpCounter += 1;
        const name = `mtopjsonp${jsonpCounter}`;
        window[name] = (body) => resolve(body);
        const script = document.createElement('script');
        script.src = apiUrl(api, data, { type: 'jsonp', dataType: 'jsonp', callback: name });
        script.onerror = () => reject(new Error('jsonp failed'));
        document.head.appendChild(script);
      });
    }
    return fetch(apiUrl(api, data), { credentials: 'include' }).then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    });
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function components(body, tag) {
    const data = body?.data?.data || {};
    return Object.values(data).filter((c) => c && c.tag === tag);
  }

  function fail(error) {
    root.replaceChildren(el('p', 'standin-error', `Could not load: ${error.message}`));
  }

  let listPage = 1;
  function renderList(body, append) {
    if (!append) root.replaceChildren();
    for (const c of components(body, 'pc_om_list_order')) {
      const f = c.fields || {};
      const card = el('div', 'order-item');
      card.dataset.orderId = String(f.orderId);
      const header = el('div', 'order-item-header');
      header.append(el('span', 'order-item-header-status-text', f.statusText || ''));
      const info = el('div', 'order-item-header-right-info');
      info.append(
        el('div', '', `Date: ${f.orderDateText || ''}`),
        el('div', '', `Ref. Number: ${f.orderId}`),
      );
      header.append(info);
      card.append(header, el('div', 'order-item-store-name', f.storeName || ''));
      for (const line of f.orderLines || [])
        card.append(el('div', 'order-item-content-title', line.itemTitle || ''));
      card.append(el('div', 'order-item-content-opt-price-total', f.totalPriceText || ''));
      const more = el('div', 'order-more');
      const details = el('button', '', 'Details');
      details.addEventListener('click', () => {
        history.pushState({}, '', `/p/order/detail.html?orderId=${f.orderId}`);
        document.body.dataset.kind = 'detail';
        loadDetail(String(f.orderId));
      });
      more.append(details);
      card.append(more);
      root.append(card);
    }
    const bodies = components(body, 'pc_om_list_body');
    const hasMore = bodies.some((b) => b.fields?.hasMore);
    document.getElementById('view-more')?.remove();
    if (hasMore) {
      const button = el('button', 'order-more-view', 'View orders');
      button.id = 'view-more';
      button.addEventListener('click', () => {
        listPage += 1;
        call(APIS.list, { pageIndex: listPage, pageSize: 10 }).then((b) => renderList(b, true), fail);
      });
      root.after(button);
    }
  }

  function renderDetail(body) {
    root.replaceChildren();
    const status = components(body, 'detail_order_status_block')[0];
    const block = el('div', 'order-block order-detail-status');
    block.append(el('h1', 'order-status-title', status?.fields.title || ''));
    block.append(el('p', 'order-status-reminder', status?.fields.reminder || ''));
    root.append(block);
    const info = components(body, 'detail_simple_order_info_component')[0];
    if (info) {
      const rows = el('div', 'order-block order-detail-info-item');
      const f = info.fields;
      for (const key of ['orderCreatTime', 'payTime', 'orderShipTime', 'orderEndTime']) {
        if (!f[key]) continue;
        const label = f[`${key}Tile`] || f[`${key}Title`] || key;
        rows.append(el('div', 'info-row', `${label}: ${f[key]}`));
      }
      root.append(rows);
    }
    const products = components(body, 'detail_product_block')[0];
    for (const p of products?.fields.productVOList || []) {
      const item = el('div', 'order-block order-detail-item-content-wrap');
      item.append(el('div', 'item-title', p.itemTitle || ''));
      for (const b of p.buttonVOS || []) item.append(el('button', '', b.text || ''));
      root.append(item);
    }
  }

  function loadDetail(orderId) {
    call(APIS.detail, { orderId }).then(renderDetail, fail);
  }

  function renderTracking(body) {
    root.replaceChildren();
    const lines = body?.data?.module?.trackingDetailLineList || [];
    for (const line of lines) {
      const block = el('div', 'order-block tracking-line');
      block.append(el('h2', '', `${line.logisticsCarrierName || ''} ${line.mailNo || ''}`));
      for (const d of line.detailList || [])
        block.append(el('div', 'tracking-event', `${d.timeText || ''} ${d.trackingDetailDesc || ''}`));
      root.append(block);
    }
    if (!lines.length) root.append(el('p', '', 'No tracking yet.'));
  }

  if (kind === 'list')
    call(APIS.list, { pageIndex: 1, pageSize: 10 }).then((b) => renderList(b, false), fail);
  else if (kind === 'detail') loadDetail(params.get('orderId') || '');
  else if (kind === 'tracking')
    call(APIS.tracking, { tradeOrderId: params.get('tradeOrderId') || '' }).then(renderTracking, fail);
  else if (kind === 'refunds')
    call(APIS.refunds, { pageIndex: 1 }).then(
      () => root.replaceChildren(el('p', '', 'Returns/refunds')),
      fail,
    );
})();
