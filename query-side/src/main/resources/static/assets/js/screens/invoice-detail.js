// Invoice detail: what was issued (lines, taxes, totals), payments, credit notes, e-mails and payment reminders, the
// signed PDF shown inline, the operators' payment and credit-note forms, and the invoice's history; kept live from the
// invoice's stream.
import { NetworkError, api, fetchBlob, session, subscribe, uuid } from '../api.js';
import { AUDIT_READERS, auditTrail } from '../audit.js';
import { timeTravel, whyView } from '../why.js';
import { badge, clearFieldProblems, dayEl, fill, formatMoney, h, liveIndicator, loadWhenProjected, problemBox, shortId, showFieldProblems, t, timeEl } from '../ui.js';
import { number } from '../i18n.js';
import { canBill, numberText } from './invoices.js';
import { languageName } from './customers.js';

/** Statuses in which money is still owed, so a payment can be recorded. */
const PAYABLE = ['ISSUED', 'PARTIALLY_PAID', 'OVERDUE'];
/** How a payment may have been made, as the API names them. */
const PAYMENT_METHODS = ['BANK_TRANSFER', 'CARD', 'CASH', 'CHEQUE', 'DIRECT_DEBIT', 'OTHER'];
/** Statuses in which an issued invoice can still be corrected by a credit note. */
const CREDITABLE = ['ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE'];

/** A recorded payment: amount, the day paid, method and reference when known, who recorded it and when. */
function paymentEntry(p, currency) {
  return h('li', { testid: 'payment-entry', 'data-payment-id': p.paymentId, 'data-method': p.method || '' },
    h('strong', { testid: 'payment-amount-shown' }, formatMoney(p.amount, currency)), ' ',
    p.paidOn ? h('span', {}, t('invoice.paidOnDay'), ' ', dayEl(p.paidOn, { testid: 'payment-paid-on-shown' }), ' ') : null,
    p.method ? h('span', { class: 'badge', testid: 'payment-method-shown' }, t(`paymentMethod.${p.method}`)) : null, ' ',
    p.reference ? h('span', { class: 'mono', testid: 'payment-reference-shown' }, p.reference) : null, ' ',
    h('span', { class: 'muted' }, t('order.by'), ' ', p.recordedBy || t('invoice.someone'), ' · '), timeEl(p.recordedAt));
}

/** The browser's calendar day as ISO text: the day the operator is in. */
function localDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export async function renderInvoiceDetail(root, { args }) {
  const [invoiceId] = args;
  const base = `/api/v1/invoices/${encodeURIComponent(invoiceId)}`;
  const live = liveIndicator('invoice-live');
  const title = h('span', { testid: 'invoice-title-number' }, '…');
  const statusSlot = h('span', { testid: 'invoice-status-slot' });
  const actions = h('div', { class: 'row', testid: 'invoice-actions' });
  const actionSlot = h('div', { testid: 'invoice-action-slot' });
  const summary = h('div', { class: 'card', testid: 'invoice-summary' }, h('p', { class: 'muted', testid: 'invoice-waiting' }, t('invoice.waiting')));
  const amounts = h('div', { class: 'card', testid: 'invoice-amounts' });
  const side = h('div', {});
  const pdfCard = h('div', { class: 'card', testid: 'invoice-pdf' });
  const history = session.hasAnyRole(...AUDIT_READERS) ? auditTrail('Invoice', invoiceId, 'invoiceId', 'invoice-history') : null;
  const why = history ? whyView('Invoice', invoiceId) : null;
  const travel = history ? timeTravel('Invoice', invoiceId, showAsOf) : null;
  /** The instant the screen shows the invoice as of, or null for now; the live invoice waits in {@code latest}. */
  let pastAt = null;
  let latest = null;
  let invoice = null;
  let closed = false;
  let openForm = null;

  root.append(h('section', { testid: 'screen-invoice-detail', 'data-invoice-id': invoiceId },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/invoices', testid: 'invoice-back' }, t('invoice.back'))),
        h('h1', {}, t('invoice.heading'), ' ', title, ' ', statusSlot)),
      h('div', { class: 'row' }, live.el, actions)),
    actionSlot,
    h('div', { class: 'grid-2' },
      h('div', {}, summary, amounts),
      side),
    pdfCard,
    travel ? h('div', { class: 'card' }, h('h2', {}, t('why.travelHeading')), travel.element) : null,
    why ? h('div', { class: 'card' }, h('h2', {}, t('why.heading')), why.element) : null,
    history ? h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, t('invoice.history')), h('p', { class: 'muted small' }, t('invoice.historySub'))),
      history.element) : null));

  // --- rendering ---------------------------------------------------------------------------------

  /** Shows the invoice as it stood at {@code at}, or the live invoice again when {@code state} is null. */
  function showAsOf(state, at) {
    pastAt = state ? at : null;
    if (state || latest) render(state || latest);
  }

  /** A new live version: shown unless the screen is showing the past. */
  function arrived(i) {
    latest = i;
    if (!pastAt) render(i);
  }

  function render(i) {
    invoice = i;
    const cur = i.currency;
    fill(title, h('span', { class: i.number ? 'mono' : 'muted', testid: 'invoice-number' }, numberText(i)));
    fill(statusSlot, badge(i.status, { class: 'big', testid: 'invoice-status' }));
    fill(summary,
      i.status === 'REJECTED' ? h('div', { class: 'problem', testid: 'invoice-rejection' },
        h('span', { class: 'title' }, t('punct.labelled', { label: t('status.REJECTED') })), i.rejection || t('invoice.couldNotIssue')) : null,
      h('dl', { class: 'kv' },
        h('dt', {}, t('field.customer')), h('dd', { testid: 'invoice-customer', title: i.customerId },
          h('a', { href: `#/invoices?customerId=${encodeURIComponent(i.customerId || '')}` }, i.customerName || i.customerId || '—')),
        h('dt', {}, t('col.order')), h('dd', {}, i.orderId
          ? h('a', { href: `#/orders/${encodeURIComponent(i.orderId)}`, class: 'mono', title: i.orderId, testid: 'invoice-order-link' }, i.orderNumber || shortId(i.orderId)) : '—'),
        h('dt', {}, t('invoice.requested')), h('dd', { testid: 'invoice-requested-at' }, timeEl(i.requestedAt)),
        h('dt', {}, t('col.issued')), h('dd', { testid: 'invoice-issued-at' }, i.issuedAt ? timeEl(i.issuedAt) : '—'),
        h('dt', {}, t('col.due')), h('dd', { testid: 'invoice-due-date' }, i.dueDate ? dayEl(i.dueDate) : '—'),
        i.currency ? [h('dt', {}, t('field.currency')), h('dd', { testid: 'invoice-currency' }, i.currency)] : null,
        exchangeRate(i),
        i.language ? [h('dt', {}, t('field.language')), h('dd', { testid: 'invoice-language' }, languageName(i.language))] : null,
        i.templateId ? [h('dt', {}, t('invoice.template')), h('dd', { class: 'mono', testid: 'invoice-template' }, i.templateId)] : null,
        i.pdfSha256 ? [h('dt', {}, t('invoice.sha')), h('dd', { class: 'mono hash', testid: 'invoice-sha256' }, i.pdfSha256)] : null));
    fill(amounts, i.number ? issuedFigures(i, cur) : h('p', { class: 'muted', testid: 'invoice-no-amounts' },
      i.status === 'REJECTED' ? t('invoice.noAmountsRejected') : t('invoice.noAmountsYet')));
    fill(side,
      h('div', { class: 'card', testid: 'invoice-balance-card' },
        h('h2', {}, t('col.balance')),
        h('dl', { class: 'kv' },
          h('dt', {}, t('col.totalInclTax')), h('dd', { class: 'num-text', testid: 'invoice-total-incl' }, formatMoney(i.totalInclTax, cur)),
          h('dt', {}, t('invoice.paid')), h('dd', { class: 'num-text', testid: 'invoice-paid' }, formatMoney(i.paidAmount, cur)),
          h('dt', {}, t('invoice.credited')), h('dd', { class: 'num-text', testid: 'invoice-credited' }, formatMoney(i.creditedAmount, cur)),
          h('dt', {}, t('col.balance')), h('dd', { class: 'num-text total', testid: 'invoice-balance' }, formatMoney(i.balance, cur)))),
      h('div', { class: 'card', testid: 'invoice-payments' },
        h('h2', {}, t('invoice.payments')),
        (i.payments || []).length
          ? h('ul', { class: 'plain' }, i.payments.map(p => paymentEntry(p, cur)))
          : h('p', { class: 'muted', testid: 'payments-empty' }, t('invoice.noPayment'))),
      h('div', { class: 'card', testid: 'invoice-credit-notes' },
        h('h2', {}, t('invoice.creditNotes')),
        (i.creditNotes || []).length
          ? h('ul', { class: 'plain' }, i.creditNotes.map(creditNoteEntry))
          : h('p', { class: 'muted', testid: 'credit-notes-empty' }, t('invoice.noCreditNote'))),
      h('div', { class: 'card', testid: 'invoice-emails' },
        h('h2', {}, t('invoice.emails')),
        (i.emails || []).length
          ? h('ul', { class: 'plain' }, i.emails.map(e => h('li', { testid: 'email-entry', 'data-document': e.documentNumber, 'data-channel': e.channel },
            h('span', { class: 'mono' }, e.documentNumber), ' ', t('invoice.to'), ' ', h('strong', {}, e.recipient), ' ',
            h('span', { class: 'muted' }, e.channel === 'outbox' ? t('invoice.outbox') : `(${e.channel})`, ' · '), timeEl(e.sentAt))))
          : h('p', { class: 'muted', testid: 'emails-empty' }, t('invoice.nothingSent'))),
      h('div', { class: 'card', testid: 'invoice-reminders' },
        h('h2', {}, t('invoice.reminders')),
        (i.reminders || []).length
          ? h('ul', { class: 'plain' }, i.reminders.map(r => h('li', { testid: 'reminder-entry', 'data-reminder': r.reminder, 'data-channel': r.channel },
            h('strong', {}, t('invoice.reminderNumber', { n: r.reminder })), ' ', t('invoice.to'), ' ', r.recipient, ' ',
            h('span', { class: 'muted' }, r.channel === 'outbox' ? t('invoice.outbox') : `(${r.channel})`, ' · '), timeEl(r.sentAt))))
          : h('p', { class: 'muted', testid: 'reminders-empty' }, t('invoice.noReminder'))));
    if (pastAt) actions.replaceChildren();
    else renderActions(i);
    showPdf(i);
  }

  function exchangeRate(i) {
    if (i.exchangeRate === null || i.exchangeRate === undefined || Number(i.exchangeRate) === 1) return null;
    return [h('dt', {}, t('invoice.exchangeRate')), h('dd', { testid: 'invoice-exchange-rate', 'data-rate': String(i.exchangeRate) },
      `1 ${i.currency} = ${i.exchangeRate} ${i.accountingCurrency || ''}`.trim())];
  }

  function issuedFigures(i, cur) {
    const lines = [...(i.lines || [])].sort((a, b) => a.position - b.position);
    return [
      h('h2', {}, t('placeOrder.lines')),
      h('div', { class: 'table-scroll' }, h('table', { testid: 'invoice-lines' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, t('col.item')), h('th', { scope: 'col', class: 'num' }, t('col.qty')),
          h('th', { scope: 'col', class: 'num' }, t('field.unitPrice')), h('th', { scope: 'col', class: 'num' }, t('col.discount')),
          h('th', { scope: 'col', class: 'num' }, t('col.vat')), h('th', { scope: 'col', class: 'num' }, t('col.net')))),
        h('tbody', {}, lines.map(l => h('tr', { testid: 'invoice-line-row', 'data-position': l.position, 'data-sku': l.sku },
          h('td', {}, l.position),
          h('td', {}, l.description || l.sku, l.description && l.sku && l.description !== l.sku ? h('div', { class: 'muted mono' }, l.sku) : null),
          h('td', { class: 'num' }, l.quantity),
          h('td', { class: 'num' }, formatMoney(l.unitPrice, cur)),
          h('td', { class: 'num' }, Number(l.discountPercent) ? percent(l.discountPercent) : '—'),
          h('td', { class: 'num' }, percent(l.vatRate)),
          h('td', { class: 'num' }, formatMoney(l.net, cur))))))),
      h('h2', { class: 'spaced' }, t('invoice.taxes')),
      h('div', { class: 'table-scroll' }, h('table', { testid: 'invoice-taxes' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('col.rate')), h('th', { scope: 'col', class: 'num' }, t('col.base')), h('th', { scope: 'col', class: 'num' }, t('col.tax')))),
        h('tbody', {}, (i.taxes || []).map(tax => h('tr', { testid: 'invoice-tax-row', 'data-rate': String(tax.rate) },
          h('td', { class: 'num' }, percent(tax.rate)),
          h('td', { class: 'num' }, formatMoney(tax.base, cur)),
          h('td', { class: 'num' }, formatMoney(tax.amount, cur))))),
        h('tfoot', {},
          h('tr', {}, h('td', { colspan: 2, class: 'num muted' }, t('invoice.totalExcl')), h('td', { class: 'num', testid: 'invoice-total-excl' }, formatMoney(i.totalExclTax, cur))),
          h('tr', {}, h('td', { colspan: 2, class: 'num muted' }, t('col.tax')), h('td', { class: 'num', testid: 'invoice-total-tax' }, formatMoney(i.totalTax, cur))),
          h('tr', {}, h('td', { colspan: 2, class: 'num muted' }, t('col.totalInclTax')), h('td', { class: 'num total', testid: 'invoice-total' }, formatMoney(i.totalInclTax, cur)))))),
      i.reverseCharge || (i.legalMentions || []).length ? h('ul', { class: 'mentions', testid: 'invoice-legal-mentions' },
        i.reverseCharge ? h('li', { testid: 'invoice-reverse-charge' }, t('invoice.reverseCharge')) : null,
        (i.legalMentions || []).map(m => h('li', {}, m))) : null,
    ];
  }

  function creditNoteEntry(cn) {
    const pdfPath = `${base}/credit-notes/${encodeURIComponent(cn.creditNoteId)}/pdf`;
    return h('li', { testid: 'credit-note-entry', 'data-credit-note-id': cn.creditNoteId, 'data-number': cn.number || '' },
      h('div', {},
        h('strong', { class: 'mono', testid: 'credit-note-number' }, cn.number || t('invoice.beingIssued')), ' ',
        cn.totalInclTax !== null && cn.totalInclTax !== undefined
          ? h('span', { testid: 'credit-note-total' }, `− ${formatMoney(cn.totalInclTax, invoice && invoice.currency)}`) : null),
      h('div', { class: 'muted' }, cn.reason || ''),
      h('div', { class: 'muted' }, (cn.lines || []).map(l => t('invoice.creditedLine', { quantity: l.quantity, position: l.position })).join(', ')),
      cn.number ? h('a', { href: pdfPath, testid: 'credit-note-pdf', 'data-credit-note-id': cn.creditNoteId,
        onclick: (e) => { e.preventDefault(); loadPdf(pdfPath, `${cn.number}.pdf`, cn.pdfSha256, t('invoice.creditNoteCaption', { number: cn.number })); } }, t('invoice.showPdf')) : null);
  }

  // --- the PDF, fetched with the token and shown from a blob: URL ---------------------------------

  let shownPdf = null;
  let blobUrl = null;

  function showPdf(i) {
    if (!i.number || !i.pdfSha256) {
      fill(pdfCard, h('h2', {}, t('invoice.pdf')),
        h('p', { class: 'muted', testid: i.status === 'REJECTED' ? 'invoice-pdf-none' : 'invoice-pdf-pending' },
          i.status === 'REJECTED' ? t('invoice.noPdfRejected') : t('invoice.noPdfYet')));
      return;
    }
    if (shownPdf === null) loadPdf(`${base}/pdf`, `${i.number}.pdf`, i.pdfSha256, t('invoice.caption', { number: i.number }));
  }

  async function loadPdf(path, fileName, expectedSha, caption) {
    shownPdf = path;
    fill(pdfCard, h('h2', {}, caption), h('p', { class: 'muted', testid: 'invoice-pdf-loading' }, t('invoice.pdfLoading')));
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
            onclick: () => loadPdf(`${base}/pdf`, `${invoice.number}.pdf`, invoice.pdfSha256, t('invoice.caption', { number: invoice.number })) }, t('invoice.showInvoice')) : null,
          h('a', { class: 'btn btn-small', href: blobUrl, download: fileName, testid: 'invoice-pdf-download' }, t('invoice.download'))),
        viewer);
      verify(blob, expectedSha, check);
    } catch (err) {
      if (closed || shownPdf !== path) return;
      fill(pdfCard, h('h2', {}, caption), problemBox(err, 'invoice-pdf-problem'),
        h('button', { class: 'btn btn-small', type: 'button', testid: 'invoice-pdf-retry', onclick: () => loadPdf(path, fileName, expectedSha, caption) }, t('action.retry')));
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
      el.textContent = same ? t('invoice.shaMatches') : t('invoice.shaDiffers');
    } catch { /* hashing is a convenience */ }
  }

  // --- operator actions --------------------------------------------------------------------------

  function renderActions(i) {
    if (!canBill()) { actions.replaceChildren(); return; }
    fill(actions,
      PAYABLE.includes(i.status) ? h('button', { class: 'btn btn-primary', type: 'button', testid: 'record-payment', onclick: paymentForm }, t('invoice.recordPayment')) : null,
      CREDITABLE.includes(i.status) ? h('button', { class: 'btn', type: 'button', testid: 'credit-note', onclick: creditNoteForm }, t('invoice.creditNote')) : null);
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
    const today = localDay(new Date());
    const paidOn = h('input', { name: 'paidOn', type: 'date', testid: 'payment-paid-on', required: true, value: today, max: today });
    const method = h('select', { name: 'method', testid: 'payment-method' },
      PAYMENT_METHODS.map(m => h('option', { value: m }, t(`paymentMethod.${m}`))));
    const reference = h('input', { name: 'reference', testid: 'payment-reference', maxlength: '140', autocomplete: 'off' });
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'payment-submit' }, t('invoice.recordPayment'));
    const slot = h('div');
    const form = h('form', { class: 'card', testid: 'payment-form', novalidate: true },
      h('h2', {}, t('invoice.recordAPayment')), slot,
      h('div', { class: 'row' },
        h('label', {}, invoice && invoice.currency ? t('invoice.amountIn', { currency: invoice.currency }) : t('col.amount'), amount),
        h('label', {}, t('invoice.paidOn'), paidOn),
        h('label', {}, t('invoice.method'), method),
        h('label', {}, t('invoice.reference'), reference),
        submit,
        h('button', { class: 'btn btn-quiet', type: 'button', testid: 'payment-cancel', onclick: closeForm }, t('action.cancel'))));
    form.addEventListener('submit', sender(form, slot, submit, `${base}/payments`, () => {
      const value = amount.value.trim();
      const ref = reference.value.trim();
      return { body: { amount: value === '' ? null : Number(value), paidOn: paidOn.value || null, method: method.value, reference: ref === '' ? null : ref },
        ids: () => ({ paymentId: uuid() }) };
    }, () => null, (body) => done('payment-sent', t('invoice.paymentSent', { amount: formatMoney(body.amount, invoice.currency) }))));
    showForm(form, amount);
  }

  function creditNoteForm() {
    const reason = h('input', { name: 'reason', testid: 'credit-note-reason', required: true, placeholder: t('invoice.creditWhy'), class: 'wide' });
    const credited = creditedQuantities(invoice);
    const lines = [...(invoice.lines || [])].sort((a, b) => a.position - b.position);
    const inputs = new Map();
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'credit-note-submit' }, t('invoice.askCreditNote'));
    const slot = h('div');
    const form = h('form', { class: 'card', testid: 'credit-note-form', novalidate: true },
      h('h2', {}, t('invoice.creditNote')), slot,
      h('label', {}, t('field.reason'), reason),
      h('p', { class: 'muted small hint' }, t('invoice.creditHint')),
      h('div', { class: 'table-scroll' }, h('table', { testid: 'credit-note-lines' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, t('col.item')), h('th', { scope: 'col', class: 'num' }, t('invoice.invoiced')),
          h('th', { scope: 'col', class: 'num' }, t('invoice.credited')), h('th', { scope: 'col' }, t('invoice.quantityToCredit')))),
        h('tbody', {}, lines.map(l => {
          const left = Number(l.quantity) - (credited.get(l.position) || 0);
          const input = h('input', { name: `line-${l.position}-quantity`, type: 'number', min: '0', step: 'any', max: String(left),
            placeholder: left > 0 ? t('invoice.upTo', { n: left }) : t('invoice.nothingLeft'), testid: `credit-note-quantity-${l.position}`, 'data-position': l.position,
            'aria-label': t('invoice.quantityToCreditLine', { position: l.position }), class: 'narrow' });
          inputs.set(l.position, input);
          return h('tr', { testid: 'credit-note-line', 'data-position': l.position },
            h('td', {}, l.position), h('td', {}, l.description || l.sku),
            h('td', { class: 'num' }, l.quantity), h('td', { class: 'num' }, credited.get(l.position) || 0),
            h('td', {}, input));
        })))),
      h('div', { class: 'form-actions' }, submit,
        h('button', { class: 'btn btn-quiet', type: 'button', testid: 'credit-note-cancel', onclick: closeForm }, t('action.cancel'))));
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
    }, locate, () => done('credit-note-sent', t('invoice.creditNoteSent'))));
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
      found: (i) => { if (!invoice) arrived(i); },
      problem: (err) => fill(summary, problemBox(err, 'invoice-load-problem')),
      missing: () => fill(summary, h('p', { class: 'muted', testid: 'invoice-missing' }, t('invoice.missing'))),
    });
  }

  const close = subscribe(`/api/v1/invoices/updates?invoiceId=${encodeURIComponent(invoiceId)}`, 'invoice', (i) => {
    if (!i || i.invoiceId !== invoiceId) return;
    if (latest && String(latest.updatedAt) === String(i.updatedAt)) return;
    arrived(i);
    if (history) { history.load(); travel.load(); }
    // a form left open stays usable, unless the invoice no longer allows what it does
    if (openForm && ((openForm.dataset.testid === 'payment-form' && !PAYABLE.includes(i.status))
      || (openForm.dataset.testid === 'credit-note-form' && !CREDITABLE.includes(i.status)))) closeForm();
  }, live.set);
  load();
  if (history) { history.load(); travel.load(); }

  return () => {
    closed = true;
    close();
    if (blobUrl) URL.revokeObjectURL(blobUrl);
  };
}

/** A rate such as 20 (per cent) as '20 %' or '20%' as the language writes it. */
function percent(value) {
  return t('unit.percent', { n: number(value, Number.isInteger(Number(value)) ? 0 : 2) });
}

/** Quantity already credited (or being credited) per line position, over every credit note. */
function creditedQuantities(invoice) {
  const credited = new Map();
  for (const cn of (invoice && invoice.creditNotes) || []) {
    for (const l of cn.lines || []) credited.set(l.position, (credited.get(l.position) || 0) + Number(l.quantity));
  }
  return credited;
}
