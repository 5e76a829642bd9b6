// Invoice detail: what was issued (lines, taxes, totals), payments, credit notes and e-mails, the signed PDF shown
// inline, and the operators' payment and credit-note forms; kept live from the invoice's stream.
import { NetworkError, api, fetchBlob, subscribe, uuid } from '../api.js';
import { badge, clearFieldProblems, dayEl, fill, formatMoney, h, liveIndicator, loadWhenProjected, problemBox, shortId, showFieldProblems, timeEl } from '../ui.js';
import { canBill, numberText } from './invoices.js';
import { LANGUAGES } from './customers.js';

/** Statuses in which money is still owed, so a payment can be recorded. */
const PAYABLE = ['ISSUED', 'PARTIALLY_PAID', 'OVERDUE'];
/** Statuses in which an issued invoice can still be corrected by a credit note. */
const CREDITABLE = ['ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE'];
const LANGUAGE_NAMES = new Map(LANGUAGES);

export async function renderInvoiceDetail(root, { args }) {
  const [invoiceId] = args;
  const base = `/api/v1/invoices/${encodeURIComponent(invoiceId)}`;
  const live = liveIndicator('invoice-live');
  const title = h('span', { testid: 'invoice-title-number' }, '…');
  const statusSlot = h('span', { testid: 'invoice-status-slot' });
  const actions = h('div', { class: 'row', testid: 'invoice-actions' });
  const actionSlot = h('div', { testid: 'invoice-action-slot' });
  const summary = h('div', { class: 'card', testid: 'invoice-summary' }, h('p', { class: 'muted', testid: 'invoice-waiting' }, 'Waiting for the invoice to appear…'));
  const amounts = h('div', { class: 'card', testid: 'invoice-amounts' });
  const side = h('div', {});
  const pdfCard = h('div', { class: 'card', testid: 'invoice-pdf' });
  let invoice = null;
  let closed = false;
  let openForm = null;

  root.append(h('section', { testid: 'screen-invoice-detail', 'data-invoice-id': invoiceId },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/invoices', testid: 'invoice-back' }, '← Invoices')),
        h('h1', {}, 'Invoice ', title, ' ', statusSlot)),
      h('div', { class: 'row' }, live.el, actions)),
    actionSlot,
    h('div', { class: 'grid-2' },
      h('div', {}, summary, amounts),
      side),
    pdfCard));

  // --- rendering ---------------------------------------------------------------------------------

  function render(i) {
    invoice = i;
    const cur = i.currency;
    fill(title, h('span', { class: i.number ? 'mono' : 'muted', testid: 'invoice-number' }, numberText(i)));
    fill(statusSlot, badge(i.status, { class: 'big', testid: 'invoice-status' }));
    fill(summary,
      i.status === 'REJECTED' ? h('div', { class: 'problem', testid: 'invoice-rejection' },
        h('span', { class: 'title' }, 'Rejected: '), i.rejection || 'the invoice could not be issued.') : null,
      h('dl', { class: 'kv' },
        h('dt', {}, 'Customer'), h('dd', { testid: 'invoice-customer', title: i.customerId },
          h('a', { href: `#/invoices?customerId=${encodeURIComponent(i.customerId || '')}` }, i.customerName || i.customerId || '—')),
        h('dt', {}, 'Order'), h('dd', {}, i.orderId
          ? h('a', { href: `#/orders/${encodeURIComponent(i.orderId)}`, class: 'mono', title: i.orderId, testid: 'invoice-order-link' }, i.orderNumber || shortId(i.orderId)) : '—'),
        h('dt', {}, 'Requested'), h('dd', { testid: 'invoice-requested-at' }, timeEl(i.requestedAt)),
        h('dt', {}, 'Issued'), h('dd', { testid: 'invoice-issued-at' }, i.issuedAt ? timeEl(i.issuedAt) : '—'),
        h('dt', {}, 'Due'), h('dd', { testid: 'invoice-due-date' }, i.dueDate ? dayEl(i.dueDate) : '—'),
        i.currency ? [h('dt', {}, 'Currency'), h('dd', { testid: 'invoice-currency' }, i.currency)] : null,
        exchangeRate(i),
        i.language ? [h('dt', {}, 'Language'), h('dd', { testid: 'invoice-language' }, LANGUAGE_NAMES.get(i.language) || i.language)] : null,
        i.templateId ? [h('dt', {}, 'Template'), h('dd', { class: 'mono', testid: 'invoice-template' }, i.templateId)] : null,
        i.pdfSha256 ? [h('dt', {}, 'PDF SHA-256'), h('dd', { class: 'mono hash', testid: 'invoice-sha256' }, i.pdfSha256)] : null));
    fill(amounts, i.number ? issuedFigures(i, cur) : h('p', { class: 'muted', testid: 'invoice-no-amounts' },
      i.status === 'REJECTED' ? 'No amounts: the request was rejected before a number was taken.'
        : 'Lines, taxes and totals appear once the invoice is issued.'));
    fill(side,
      h('div', { class: 'card', testid: 'invoice-balance-card' },
        h('h2', {}, 'Balance'),
        h('dl', { class: 'kv' },
          h('dt', {}, 'Total incl. tax'), h('dd', { class: 'num-text', testid: 'invoice-total-incl' }, formatMoney(i.totalInclTax, cur)),
          h('dt', {}, 'Paid'), h('dd', { class: 'num-text', testid: 'invoice-paid' }, formatMoney(i.paidAmount, cur)),
          h('dt', {}, 'Credited'), h('dd', { class: 'num-text', testid: 'invoice-credited' }, formatMoney(i.creditedAmount, cur)),
          h('dt', {}, 'Balance'), h('dd', { class: 'num-text total', testid: 'invoice-balance' }, formatMoney(i.balance, cur)))),
      h('div', { class: 'card', testid: 'invoice-payments' },
        h('h2', {}, 'Payments'),
        (i.payments || []).length
          ? h('ul', { class: 'plain' }, i.payments.map(p => h('li', { testid: 'payment-entry', 'data-payment-id': p.paymentId },
            h('strong', { testid: 'payment-amount-shown' }, formatMoney(p.amount, cur)), ' ',
            h('span', { class: 'muted' }, 'by ', p.recordedBy || 'someone', ' · '), timeEl(p.recordedAt))))
          : h('p', { class: 'muted', testid: 'payments-empty' }, 'No payment recorded.')),
      h('div', { class: 'card', testid: 'invoice-credit-notes' },
        h('h2', {}, 'Credit notes'),
        (i.creditNotes || []).length
          ? h('ul', { class: 'plain' }, i.creditNotes.map(creditNoteEntry))
          : h('p', { class: 'muted', testid: 'credit-notes-empty' }, 'No credit note.')),
      h('div', { class: 'card', testid: 'invoice-emails' },
        h('h2', {}, 'E-mails sent'),
        (i.emails || []).length
          ? h('ul', { class: 'plain' }, i.emails.map(e => h('li', { testid: 'email-entry', 'data-document': e.documentNumber, 'data-channel': e.channel },
            h('span', { class: 'mono' }, e.documentNumber), ' to ', h('strong', {}, e.recipient), ' ',
            h('span', { class: 'muted' }, e.channel === 'outbox' ? '(outbox folder)' : `(${e.channel})`, ' · '), timeEl(e.sentAt))))
          : h('p', { class: 'muted', testid: 'emails-empty' }, 'Nothing sent yet.')));
    renderActions(i);
    showPdf(i);
  }

  function exchangeRate(i) {
    if (i.exchangeRate === null || i.exchangeRate === undefined || Number(i.exchangeRate) === 1) return null;
    return [h('dt', {}, 'Exchange rate'), h('dd', { testid: 'invoice-exchange-rate', 'data-rate': String(i.exchangeRate) },
      `1 ${i.currency} = ${i.exchangeRate} ${i.accountingCurrency || ''}`.trim())];
  }

  function issuedFigures(i, cur) {
    const lines = [...(i.lines || [])].sort((a, b) => a.position - b.position);
    return [
      h('h2', {}, 'Lines'),
      h('div', { class: 'table-scroll' }, h('table', { testid: 'invoice-lines' },
        h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Item'), h('th', { class: 'num' }, 'Qty'), h('th', { class: 'num' }, 'Unit price'),
          h('th', { class: 'num' }, 'Discount'), h('th', { class: 'num' }, 'VAT'), h('th', { class: 'num' }, 'Net'))),
        h('tbody', {}, lines.map(l => h('tr', { testid: 'invoice-line-row', 'data-position': l.position, 'data-sku': l.sku },
          h('td', {}, l.position),
          h('td', {}, l.description || l.sku, l.description && l.sku && l.description !== l.sku ? h('div', { class: 'muted mono' }, l.sku) : null),
          h('td', { class: 'num' }, l.quantity),
          h('td', { class: 'num' }, formatMoney(l.unitPrice, cur)),
          h('td', { class: 'num' }, Number(l.discountPercent) ? `${l.discountPercent} %` : '—'),
          h('td', { class: 'num' }, `${l.vatRate} %`),
          h('td', { class: 'num' }, formatMoney(l.net, cur))))))),
      h('h2', { style: 'margin-top:1.25rem' }, 'Taxes'),
      h('table', { testid: 'invoice-taxes' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Rate'), h('th', { class: 'num' }, 'Base'), h('th', { class: 'num' }, 'Tax'))),
        h('tbody', {}, (i.taxes || []).map(t => h('tr', { testid: 'invoice-tax-row', 'data-rate': String(t.rate) },
          h('td', { class: 'num' }, `${t.rate} %`),
          h('td', { class: 'num' }, formatMoney(t.base, cur)),
          h('td', { class: 'num' }, formatMoney(t.amount, cur))))),
        h('tfoot', {},
          h('tr', {}, h('td', { colspan: 2, class: 'num muted' }, 'Total excl. tax'), h('td', { class: 'num', testid: 'invoice-total-excl' }, formatMoney(i.totalExclTax, cur))),
          h('tr', {}, h('td', { colspan: 2, class: 'num muted' }, 'Tax'), h('td', { class: 'num', testid: 'invoice-total-tax' }, formatMoney(i.totalTax, cur))),
          h('tr', {}, h('td', { colspan: 2, class: 'num muted' }, 'Total incl. tax'), h('td', { class: 'num total', testid: 'invoice-total' }, formatMoney(i.totalInclTax, cur))))),
      i.reverseCharge || (i.legalMentions || []).length ? h('ul', { class: 'mentions', testid: 'invoice-legal-mentions' },
        i.reverseCharge ? h('li', { testid: 'invoice-reverse-charge' }, 'Reverse charge: VAT due by the customer.') : null,
        (i.legalMentions || []).map(m => h('li', {}, m))) : null,
    ];
  }

  function creditNoteEntry(cn) {
    const pdfPath = `${base}/credit-notes/${encodeURIComponent(cn.creditNoteId)}/pdf`;
    return h('li', { testid: 'credit-note-entry', 'data-credit-note-id': cn.creditNoteId, 'data-number': cn.number || '' },
      h('div', {},
        h('strong', { class: 'mono', testid: 'credit-note-number' }, cn.number || 'Being issued…'), ' ',
        cn.totalInclTax !== null && cn.totalInclTax !== undefined
          ? h('span', { testid: 'credit-note-total' }, `− ${formatMoney(cn.totalInclTax, invoice && invoice.currency)}`) : null),
      h('div', { class: 'muted' }, cn.reason || ''),
      h('div', { class: 'muted' }, (cn.lines || []).map(l => `${l.quantity} × line ${l.position}`).join(', ')),
      cn.number ? h('a', { href: pdfPath, testid: 'credit-note-pdf', 'data-credit-note-id': cn.creditNoteId,
        onclick: (e) => { e.preventDefault(); loadPdf(pdfPath, `${cn.number}.pdf`, cn.pdfSha256, `Credit note ${cn.number}`); } }, 'Show PDF') : null);
  }

  // --- the PDF, fetched with the token and shown from a blob: URL ---------------------------------

  let shownPdf = null;
  let blobUrl = null;

  function showPdf(i) {
    if (!i.number || !i.pdfSha256) {
      fill(pdfCard, h('h2', {}, 'PDF'),
        h('p', { class: 'muted', testid: i.status === 'REJECTED' ? 'invoice-pdf-none' : 'invoice-pdf-pending' },
          i.status === 'REJECTED' ? 'No PDF: the request was rejected.' : 'PDF not issued yet.'));
      return;
    }
    if (shownPdf === null) loadPdf(`${base}/pdf`, `${i.number}.pdf`, i.pdfSha256, `Invoice ${i.number}`);
  }

  async function loadPdf(path, fileName, expectedSha, caption) {
    shownPdf = path;
    fill(pdfCard, h('h2', {}, caption), h('p', { class: 'muted', testid: 'invoice-pdf-loading' }, 'Loading the PDF…'));
    try {
      const blob = await fetchBlob(path);
      if (closed || shownPdf !== path) return;
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      blobUrl = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
      const check = h('span', { class: 'muted', testid: 'invoice-pdf-check' });
      const viewer = h('iframe', { class: 'pdf-frame', src: blobUrl, title: caption, testid: 'invoice-pdf-frame', 'data-source': path });
      fill(pdfCard,
        h('div', { class: 'row pdf-head' },
          h('h2', {}, caption),
          h('span', { class: 'spacer' }),
          check,
          path !== `${base}/pdf` ? h('button', { class: 'btn btn-small', type: 'button', testid: 'invoice-pdf-back',
            onclick: () => loadPdf(`${base}/pdf`, `${invoice.number}.pdf`, invoice.pdfSha256, `Invoice ${invoice.number}`) }, 'Show the invoice') : null,
          h('a', { class: 'btn btn-small', href: blobUrl, download: fileName, testid: 'invoice-pdf-download' }, 'Download PDF')),
        viewer);
      verify(blob, expectedSha, check);
    } catch (err) {
      if (closed || shownPdf !== path) return;
      fill(pdfCard, h('h2', {}, caption), problemBox(err, 'invoice-pdf-problem'),
        h('button', { class: 'btn btn-small', type: 'button', testid: 'invoice-pdf-retry', onclick: () => loadPdf(path, fileName, expectedSha, caption) }, 'Try again'));
    }
  }

  /** Compares the downloaded file with the SHA-256 recorded at issue (where the browser can hash). */
  async function verify(blob, expectedSha, el) {
    if (!expectedSha || !(crypto && crypto.subtle)) return;
    try {
      const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
      const hex = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
      const same = hex === expectedSha.toLowerCase();
      el.dataset.sha256 = hex;
      el.dataset.match = String(same);
      el.className = same ? 'ok-text' : 'danger-text';
      el.textContent = same ? 'SHA-256 matches the issued document' : 'SHA-256 differs from the issued document';
    } catch { /* hashing is a convenience */ }
  }

  // --- operator actions --------------------------------------------------------------------------

  function renderActions(i) {
    if (!canBill()) { actions.replaceChildren(); return; }
    fill(actions,
      PAYABLE.includes(i.status) ? h('button', { class: 'btn btn-primary', type: 'button', testid: 'record-payment', onclick: paymentForm }, 'Record payment') : null,
      CREDITABLE.includes(i.status) ? h('button', { class: 'btn', type: 'button', testid: 'credit-note', onclick: creditNoteForm }, 'Credit note') : null);
  }

  /**
   * Sends a command form: the ids in the body are made once per set of values, so a double click or a retry after
   * a lost answer sends the same ids (the invoice records them once), while changed values get new ones.
   */
  function sender(form, slot, submit, path, buildBody, locate, done) {
    let pending = null;
    let inFlight = false;
    return async (e) => {
      e.preventDefault();
      if (inFlight) return;
      const values = buildBody();
      if (!values) return;
      const key = JSON.stringify(values.body);
      if (!pending || pending.key !== key) pending = { key, ids: values.ids() };
      const body = { ...values.body, ...pending.ids };
      inFlight = true;
      submit.disabled = true;
      slot.replaceChildren();
      clearFieldProblems(form);
      try {
        await api.post(path, body, { 'Idempotency-Key': Object.values(pending.ids)[0] });
        pending = null;
        done(body);
      } catch (err) {
        if (!(err instanceof NetworkError)) pending = null; // the server answered: a new attempt is a new request
        if (!showFieldProblems(form, err, locate)) slot.replaceChildren(problemBox(err, `${form.dataset.testid}-problem`));
      } finally {
        inFlight = false;
        submit.disabled = false;
      }
    };
  }

  function paymentForm() {
    const amount = h('input', { name: 'amount', type: 'number', step: '0.01', min: '0.01', testid: 'payment-amount', required: true,
      value: invoice && invoice.balance !== null && invoice.balance !== undefined ? String(invoice.balance) : '' });
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'payment-submit' }, 'Record payment');
    const slot = h('div');
    const form = h('form', { class: 'card', testid: 'payment-form', novalidate: true },
      h('h2', {}, 'Record a payment'), slot,
      h('div', { class: 'row' },
        h('label', {}, `Amount${invoice && invoice.currency ? ` (${invoice.currency})` : ''}`, amount),
        submit,
        h('button', { class: 'btn btn-quiet', type: 'button', testid: 'payment-cancel', onclick: closeForm }, 'Cancel')));
    form.addEventListener('submit', sender(form, slot, submit, `${base}/payments`, () => {
      const value = amount.value.trim();
      return { body: { amount: value === '' ? null : Number(value) }, ids: () => ({ paymentId: uuid() }) };
    }, () => null, (body) => done('payment-sent', `Payment of ${formatMoney(body.amount, invoice.currency)} sent; the balance updates when it is recorded.`)));
    showForm(form, amount);
  }

  function creditNoteForm() {
    const reason = h('input', { name: 'reason', testid: 'credit-note-reason', required: true, placeholder: 'Why is this invoice corrected?', style: 'min-width:22rem' });
    const credited = creditedQuantities(invoice);
    const lines = [...(invoice.lines || [])].sort((a, b) => a.position - b.position);
    const inputs = new Map();
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'credit-note-submit' }, 'Ask for the credit note');
    const slot = h('div');
    const form = h('form', { class: 'card', testid: 'credit-note-form', novalidate: true },
      h('h2', {}, 'Credit note'), slot,
      h('label', {}, 'Reason', reason),
      h('p', { class: 'muted', style: 'margin:.9rem 0 .4rem;font-size:.88rem' }, 'Leave every quantity empty to credit everything not yet credited, or give the quantities to credit per line.'),
      h('table', { testid: 'credit-note-lines' },
        h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Item'), h('th', { class: 'num' }, 'Invoiced'), h('th', { class: 'num' }, 'Credited'), h('th', {}, 'Quantity to credit'))),
        h('tbody', {}, lines.map(l => {
          const left = Number(l.quantity) - (credited.get(l.position) || 0);
          const input = h('input', { name: `line-${l.position}-quantity`, type: 'number', min: '0', step: 'any', max: String(left),
            placeholder: left > 0 ? `up to ${left}` : 'nothing left', testid: `credit-note-quantity-${l.position}`, 'data-position': l.position, style: 'max-width:9rem' });
          inputs.set(l.position, input);
          return h('tr', { testid: 'credit-note-line', 'data-position': l.position },
            h('td', {}, l.position), h('td', {}, l.description || l.sku),
            h('td', { class: 'num' }, l.quantity), h('td', { class: 'num' }, credited.get(l.position) || 0),
            h('td', {}, input));
        }))),
      h('div', { class: 'form-actions' }, submit,
        h('button', { class: 'btn btn-quiet', type: 'button', testid: 'credit-note-cancel', onclick: closeForm }, 'Cancel')));
    let sent = [];
    /** 'lines[1].quantity' names the second line sent; 'lines' the whole table. */
    const locate = (field) => {
      const m = /^lines\[(\d+)\]/.exec(field);
      if (m) return sent[Number(m[1])] || null;
      if (field === 'lines') return form.querySelector('[data-testid="credit-note-lines"]');
      const byPosition = /^line-(\d+)/.exec(field);
      return byPosition ? inputs.get(Number(byPosition[1])) || null : null;
    };
    form.addEventListener('submit', sender(form, slot, submit, `${base}/credit-notes`, () => {
      sent = [...inputs.values()].filter(input => input.value.trim() !== '');
      const chosen = sent.map(input => ({ position: Number(input.dataset.position), quantity: Number(input.value) }));
      const body = { reason: reason.value.trim() };
      if (chosen.length) body.lines = chosen;
      return { body, ids: () => ({ creditNoteId: uuid() }) };
    }, locate, () => done('credit-note-sent', 'Credit note asked for; it appears below once issued.')));
    showForm(form, reason);
  }

  function showForm(form, focus) {
    openForm = form;
    fill(actionSlot, form);
    focus.focus();
  }

  function closeForm() {
    openForm = null;
    actionSlot.replaceChildren();
  }

  function done(testid, text) {
    openForm = null;
    fill(actionSlot, h('div', { class: 'notice', testid }, text));
  }

  // --- loading and live updates ------------------------------------------------------------------

  function load() {
    return loadWhenProjected(() => api.get(base), {
      active: () => !closed && !invoice,
      found: (i) => { if (!invoice) render(i); },
      problem: (err) => fill(summary, problemBox(err, 'invoice-load-problem')),
      missing: () => fill(summary, h('p', { class: 'muted', testid: 'invoice-missing' }, 'This invoice was not found.')),
    });
  }

  const close = subscribe(`/api/v1/invoices/updates?invoiceId=${encodeURIComponent(invoiceId)}`, 'invoice', (i) => {
    if (!i || i.invoiceId !== invoiceId) return;
    if (invoice && String(invoice.updatedAt) === String(i.updatedAt)) return;
    render(i);
    // a form left open stays usable, unless the invoice no longer allows what it does
    if (openForm && ((openForm.dataset.testid === 'payment-form' && !PAYABLE.includes(i.status))
      || (openForm.dataset.testid === 'credit-note-form' && !CREDITABLE.includes(i.status)))) closeForm();
  }, live.set);
  load();

  return () => {
    closed = true;
    close();
    if (blobUrl) URL.revokeObjectURL(blobUrl);
  };
}

/** Quantity already credited (or being credited) per line position, over every credit note. */
function creditedQuantities(invoice) {
  const credited = new Map();
  for (const cn of (invoice && invoice.creditNotes) || []) {
    for (const l of cn.lines || []) credited.set(l.position, (credited.get(l.position) || 0) + Number(l.quantity));
  }
  return credited;
}
