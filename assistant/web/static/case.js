// Case page: case card, call timer, conversation with the assistant, stop-payment,
// escalation and outcome. Nothing the officer types is ever dropped: a send that fails (no
// connection, any non-2xx answer, a reply flagged as an error, or no reply at all) goes back
// into the input box with the server's message, and the unsent draft is kept in
// sessionStorage per case. Forms keep what was typed until the server confirms the save.
'use strict';

(() => {
  const caseId = document.body.dataset.caseId;
  const base = `/api/cases/${encodeURIComponent(caseId)}`;
  const DRAFT_KEY = `quanzu:draft:${caseId}`;
  // Form questions of the assistant's stop-payment form ("紧急止付:…是多少?") and its
  // "start a stop-payment now" prompt open the stop-payment form by themselves.
  const STOP_PAYMENT_CUE = /紧急止付[::]|(发起|提交)紧急止付/;
  const NO_REPLY_TEXT = '助手没有回复,刚才的话可能没有处理。请重试,或换个说法。';

  const $ = (id) => document.getElementById(id);
  const ui = {
    live: $('live'),
    caseError: $('case-error'),
    card: byTestId('case-card'),
    timer: byTestId('call-timer'),
    log: byTestId('message-log'),
    input: byTestId('message-input'),
    counter: byTestId('message-counter'),
    send: byTestId('send-button'),
    banner: byTestId('assistant-unavailable'),
    bannerText: $('banner-text'),
    suggestion: byTestId('suggestion-card'),
    suggestionText: byTestId('suggestion-text'),
    copySuggestion: byTestId('copy-suggestion'),
  };

  let caseMissing = false;
  let retryAction = null;
  let currentSuggestion = '';
  let currentSuggestionItem = null;

  // ---- call timer -------------------------------------------------------------------
  // Counts from the conversation's first message, so a reload does not reset the call time.
  let openedAt = Date.now();
  function tick() {
    const seconds = Math.floor((Date.now() - openedAt) / 1000);
    const hours = Math.floor(seconds / 3600);
    const clock = `${pad2(Math.floor((seconds % 3600) / 60))}:${pad2(seconds % 60)}`;
    ui.timer.textContent = hours ? `${hours}:${clock}` : clock;
  }
  const timerHandle = setInterval(tick, 1000);

  // ---- error states -----------------------------------------------------------------
  function showBanner(text, retry) {
    ui.bannerText.textContent = text;
    retryAction = retry;
    ui.banner.hidden = false;
  }

  function hideBanner() {
    ui.banner.hidden = true;
    retryAction = null;
  }

  function showCaseError(message) {
    caseMissing = true;
    clearInterval(timerHandle);
    ui.live.hidden = true;
    ui.caseError.hidden = false;
    $('case-error-detail').textContent = message;
    ui.caseError.querySelector('a').focus();
  }

  // 400/404 mean there is no such case; anything else may pass, so offer a retry. The
  // server's own message is shown (it says what went wrong, e.g. the database or the assistant).
  function handleFailure(failure, retry) {
    if (failure.status === 404 || failure.status === 400) showCaseError(failure.message);
    else showBanner(failure.status === 0 || !failure.message ? UNAVAILABLE_TEXT : failure.message, retry);
  }

  byTestId('retry-button').addEventListener('click', () => {
    const retry = retryAction;
    hideBanner();
    if (retry) retry();
    ui.input.focus();
  });

  // ---- case card --------------------------------------------------------------------
  const masked = {};
  const groupDigits = (text) => String(text).replace(/\s+/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');

  function renderCard(data) {
    byTestId('case-address').textContent = data.address_form || '(姓名未知)';
    const repeat = data.repeat_victim || (data.earlier || []).length > 0;
    $('cc-risk').replaceChildren(riskBadge(data), repeat ? h('span', { class: 'badge repeat' }, '⚠ 重复受害') : '');
    $('cc-fraud').textContent = data.fraud_type_label || '类型未明';
    $('cc-amount').textContent = data.amount_at_risk ? formatYuan(data.amount_at_risk) : '未知';
    $('cc-payee').textContent = `${data.payee_account ? groupDigits(data.payee_account) : '账号未知'} · ${data.payee_bank || '开户行未知'}`;
    $('cc-station').textContent = data.police_station + (data.district ? `(${data.district})` : '');
    masked.phone = data.phone_masked || '未知';
    masked.id_number = data.id_number_masked || '未知';
    $('cc-phone').textContent = masked.phone;
    $('cc-id').textContent = masked.id_number;
    const source = [data.source_label, data.reporter ? `报警人 ${data.reporter}` : null,
      data.received_at ? `${formatDateTime(data.received_at)} 接警` : null];
    $('cc-source').textContent = source.filter(Boolean).join(' · ') || '—';
    $('cc-summary').textContent = data.summary || '—';

    const earlier = data.earlier || [];
    const box = $('cc-earlier');
    box.hidden = !earlier.length;
    box.replaceChildren(
      h('p', { class: 'warn' }, `⚠ 重复受害人:此前另有${earlier.length}条预警`),
      h('ul', {}, earlier.map((item) => h('li', {},
        `${formatDateTime(item.received_at)} ${item.fraud_type_label || ''} · `,
        (item.outcomes || []).join('、') || '无劝阻记录',
        item.amount_saved ? ` · 挽损${formatYuan(item.amount_saved)}` : '',
        h('span', { class: 'muted' }, ` ${item.case_id}`)))));
    ui.card.classList.remove('is-loading');
    document.title = `${data.address_form || caseId} · ${caseId} · 全阻`;
  }

  async function loadCase() {
    try {
      renderCard(await api(base));
    } catch (failure) {
      handleFailure(failure, loadCase);
    }
  }

  function setCardExpanded(expanded) {
    const toggle = $('card-toggle');
    $('card-body').hidden = !expanded;
    toggle.setAttribute('aria-expanded', String(expanded));
    toggle.textContent = expanded ? '收起' : '展开';
  }
  const cardExpanded = () => !$('card-body').hidden;
  $('card-toggle').addEventListener('click', () => setCardExpanded(!cardExpanded()));
  $('cc-summary').addEventListener('click', (event) => event.currentTarget.classList.toggle('clamp'));

  // Show the real phone / ID number (logged on the server; 403 for trainees).
  for (const button of document.querySelectorAll('.reveal')) {
    button.addEventListener('click', async () => {
      const field = button.dataset.field;
      const target = $(button.dataset.target);
      const message = $('reveal-message');
      if (button.dataset.revealed) {
        target.textContent = masked[field];
        button.textContent = '显示';
        delete button.dataset.revealed;
        return;
      }
      button.disabled = true;
      message.hidden = true;
      try {
        const answer = await api(`${base}/reveal`, { method: 'POST', body: { field } });
        target.textContent = answer.value;
        button.textContent = '隐藏';
        button.dataset.revealed = '1';
      } catch (failure) {
        message.textContent = failure.status === 403 ? '无权查看:学员账号只显示脱敏信息' : failure.message;
        message.hidden = false;
      }
      button.disabled = false;
    });
  }

  // ---- conversation -----------------------------------------------------------------
  function scrollLog() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function setSuggestion(text, item) {
    if (currentSuggestionItem) currentSuggestionItem.classList.remove('is-current');
    currentSuggestionItem = item;
    if (item) item.classList.add('is-current');
    currentSuggestion = text;
    ui.suggestionText.textContent = text;
    ui.suggestionText.classList.remove('is-empty');
    ui.copySuggestion.disabled = false;
    // Restart the highlight so the officer notices the new sentence.
    ui.suggestion.classList.remove('is-new');
    void ui.suggestion.offsetWidth;
    ui.suggestion.classList.add('is-new');
  }

  function appendMessage(from, text, suggestion = false, at = null, error = false) {
    const kind = from === 'officer' ? 'officer' : error ? 'error' : suggestion ? 'suggest' : 'system';
    const item = h('li', { class: `msg msg-${kind}`, testid: 'message', dataset: { from }, title: at ? formatDateTime(at) : null },
      h('div', { class: 'bubble' }, text));
    ui.log.append(item);
    if (error) item.setAttribute('role', 'alert');
    if (from !== 'officer' && suggestion && !error) setSuggestion(text, item);
    scrollLog();
    return item;
  }

  function setWaiting(text) {
    let line = ui.log.querySelector('.waiting');
    if (!text) {
      if (line) line.remove();
      return;
    }
    if (!line) line = h('li', { class: 'waiting', 'aria-hidden': 'true' });
    line.textContent = text;
    ui.log.append(line); // keep it last
    scrollLog();
  }

  // Replies flagged "error" (an internal error of the assistant or a failed action) are shown
  // as errors, never as suggestions, and never open a form.
  function addReplies(replies) {
    for (const reply of replies) appendMessage('assistant', reply.text || '', Boolean(reply.suggestion), null, Boolean(reply.error));
    if (replies.some((reply) => !reply.error && STOP_PAYMENT_CUE.test(reply.text || ''))) openStopPayment({ focus: false });
  }

  function showNoSuggestion() {
    if (currentSuggestion) return;
    ui.suggestionText.textContent = '还没有建议话术。请转述对方的话。';
    ui.suggestionText.classList.add('is-empty');
    ui.copySuggestion.disabled = true;
  }

  async function loadConversation() {
    setWaiting('正在加载对话…');
    try {
      const conversation = await api(`${base}/conversation`);
      const messages = conversation.messages || [];
      showLifeSafety(conversation.life_safety);
      if (messages.length) {
        const first = Date.parse(messages[0].at || '');
        if (!Number.isNaN(first) && first <= Date.now()) openedAt = first;
        ui.log.replaceChildren();
        // History only: the stop-payment form opens on new questions, not on old ones
        // (a reload after filing must not offer the same request again).
        for (const message of messages) appendMessage(message.from, message.text || '', Boolean(message.suggestion), message.at);
      } else {
        setWaiting('正在开始对话…');
        const started = await api(`${base}/start`, { method: 'POST' });
        setWaiting(null);
        addReplies(started.replies || []);
        showLifeSafety(started.life_safety);
      }
    } catch (failure) {
      handleFailure(failure, loadConversation);
    }
    setWaiting(null);
    showNoSuggestion();
  }

  // ---- sending (serialised; failures go back into the input box) ---------------------
  const outbox = [];
  let sending = false;
  let conversationLoaded = Promise.resolve();

  function saveDraft() {
    const draft = [...outbox.map((item) => item.text), ui.input.value].filter((text) => text.trim()).join('\n');
    try {
      if (draft) sessionStorage.setItem(DRAFT_KEY, draft);
      else sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      // Storage full or disabled: the input box still holds the text.
    }
  }

  function send(text) {
    const trimmed = text.trim();
    if (!trimmed || caseMissing) return;
    hideBanner();
    const item = appendMessage('officer', trimmed);
    item.classList.add('is-pending');
    outbox.push({ text: trimmed, item });
    saveDraft();
    pump();
  }

  const maxChars = () => (ui.input.maxLength > 0 ? ui.input.maxLength : 1000);
  const tooLongText = () => `消息过长(最多${maxChars()}字),请分几次发送`;

  // The counter appears near the cap, and says so plainly once over it (text put back after a
  // failure may be longer than the box accepts from the keyboard).
  function updateCounter() {
    const length = ui.input.value.trim().length;
    const max = maxChars();
    ui.counter.hidden = length < max * 0.8;
    ui.counter.textContent = length > max ? `${length}/${max} · ${tooLongText()}` : `${length}/${max}`;
    ui.counter.classList.toggle('is-over', length > max);
  }

  function sendInput() {
    const text = ui.input.value;
    if (!text.trim()) return;
    if (text.trim().length > maxChars()) {
      showBanner(tooLongText(), null);
      updateCounter();
      return;
    }
    ui.input.value = '';
    updateCounter();
    send(text);
  }

  // Put every unsent text back into the input box, ahead of whatever was typed since.
  function restoreUnsent(first = []) {
    const unsent = outbox.splice(0).map((item) => {
      item.item.remove();
      return item.text;
    });
    ui.input.value = [...first, ...unsent, ui.input.value].filter((text) => text.trim()).join('\n');
    updateCounter();
  }

  async function pump() {
    if (sending) return;
    sending = true;
    await conversationLoaded; // the opening comes first, whether or not it succeeded
    while (outbox.length) {
      setWaiting('助手正在思考…');
      const next = outbox[0];
      try {
        const answer = await api(`${base}/messages`, { method: 'POST', body: { text: next.text } });
        const replies = (answer && Array.isArray(answer.replies)) ? answer.replies : [];
        if (answer && 'life_safety' in answer) showLifeSafety(answer.life_safety);
        outbox.shift();
        next.item.classList.remove('is-pending');
        setWaiting(null);
        addReplies(replies);
        const error = replies.find((reply) => reply.error);
        if (error || !replies.length) {
          // The assistant got the text but could not handle it: keep it to send again.
          next.item.classList.add('is-failed');
          if (!replies.length) appendMessage('assistant', NO_REPLY_TEXT, false, null, true);
          restoreUnsent([next.text]);
          showBanner(error ? error.text || NO_REPLY_TEXT : NO_REPLY_TEXT, sendInput);
        }
      } catch (failure) {
        restoreUnsent();
        handleFailure(failure, sendInput);
      }
      saveDraft();
    }
    setWaiting(null);
    sending = false;
  }

  ui.input.addEventListener('input', () => {
    saveDraft();
    updateCounter();
  });
  ui.input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter is a newline; Enter that confirms an IME candidate is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    sendInput();
  });
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    sendInput();
    ui.input.focus();
  });

  // Quick replies, "换个说法" and "为什么" send their text as it is.
  function sendButtonText(button) {
    send(button.dataset.text);
    ui.input.focus();
  }
  const quickReplies = [...document.querySelectorAll('[data-testid="quick-reply"]')];
  for (const button of [...quickReplies, byTestId('ask-alternative'), byTestId('ask-why')]) {
    button.addEventListener('click', () => sendButtonText(button));
  }
  ui.copySuggestion.addEventListener('click', () => copyWithFeedback(currentSuggestion, ui.copySuggestion));

  // ---- side panels (non-modal: the officer keeps typing while one is open) ------------
  const panels = { sp: $('sp-panel'), esc: $('esc-panel'), outcome: $('outcome-panel') };
  let openPanel = null;
  let cardCollapsedForPanel = false;

  function showPanel(name) {
    for (const [key, panel] of Object.entries(panels)) panel.hidden = key !== name;
    openPanel = name;
    // A narrow window has no room for both: fold the case card while a form is open.
    if (name && cardExpanded()) {
      setCardExpanded(false);
      cardCollapsedForPanel = true;
    } else if (!name && cardCollapsedForPanel) {
      setCardExpanded(true);
      cardCollapsedForPanel = false;
    }
  }

  function closePanels() {
    showPanel(null);
    ui.input.focus();
  }
  for (const button of document.querySelectorAll('[data-close]')) button.addEventListener('click', closePanels);

  // Per-field messages under the inputs; errors = {field: reason}, inputs = {field: element}.
  function showFieldErrors(inputs, errors, testid) {
    for (const [field, input] of Object.entries(inputs)) {
      const id = `${input.id}-error`;
      let line = $(id);
      if (!errors[field]) {
        if (line) line.remove();
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
        continue;
      }
      if (!line) {
        line = h('p', { class: 'field-error', id, testid, dataset: { field } });
        input.after(line);
      }
      line.textContent = errors[field];
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', id);
    }
    const first = Object.keys(inputs).find((field) => errors[field]);
    return first ? inputs[first] : null;
  }

  // What a failed save says: the server's message (it says nothing was saved), or that the
  // server could not be reached. Never anything that reads like a confirmation.
  function saveFailureText(failure) {
    if (!(failure instanceof ApiError)) return SAVE_FAILED_TEXT;
    if (failure.status === 0) return `${SAVE_FAILED_TEXT}(无法连接服务器)`;
    return failure.message || SAVE_FAILED_TEXT;
  }

  // A failed save: per-field reasons of a 422 under the fields, the rest above the button.
  // The form keeps everything that was typed.
  function showSaveFailure(failure, inputs, testid, formError) {
    const known = {};
    const other = [];
    const errors = failure instanceof ApiError && failure.status === 422 ? failure.errors || {} : {};
    for (const [field, reason] of Object.entries(errors)) {
      if (inputs[field]) known[field] = reason;
      else other.push(reason);
    }
    const first = showFieldErrors(inputs, known, testid);
    let text = other.join(';');
    if (!text && !first) text = saveFailureText(failure);
    formError.textContent = text;
    formError.hidden = !text;
    if (first) first.focus();
    else if (text) formError.scrollIntoView({ block: 'nearest' });
  }

  // ---- stop-payment -----------------------------------------------------------------
  const spForm = byTestId('stop-payment-form');
  const spInputs = {
    payee_account: byTestId('sp-account'),
    payee_bank: byTestId('sp-bank'),
    amount: byTestId('sp-amount'),
    transfer_time: byTestId('sp-time'),
  };
  const spFormError = $('sp-form-error');
  const spSubmit = byTestId('sp-submit');

  function validateStopPayment(values) {
    const errors = {};
    const digits = values.payee_account.replace(/\s+/g, '');
    if (!digits) errors.payee_account = '请填写收款账号';
    else if (!/^\d+$/.test(digits)) errors.payee_account = '账号只能是数字(可以有空格)';
    else if (digits.length < 10 || digits.length > 25) errors.payee_account = `账号应为10到25位数字,现在是${digits.length}位`;
    if (!values.payee_bank) errors.payee_bank = '请填写开户行或支付平台';
    if (!values.amount) errors.amount = '请填写金额';
    if (!values.transfer_time) errors.transfer_time = '请填写转账时间';
    return errors;
  }

  const spValues = () => Object.fromEntries(Object.entries(spInputs).map(([field, input]) => [field, input.value.trim()]));

  function focusFirstEmpty() {
    const empty = Object.values(spInputs).find((input) => !input.value.trim());
    (empty || spSubmit).focus();
  }

  async function openStopPayment({ focus = true } = {}) {
    showPanel('sp');
    if (focus && !$('sp-result').hidden) $('sp-another').focus();
    if (!$('sp-result').hidden) return;
    if (focus) focusFirstEmpty();
    const note = $('sp-draft-note');
    try {
      const draft = await api(`${base}/stop-payment/draft`);
      // Fill only empty fields: never overwrite what the officer already typed.
      for (const [field, input] of Object.entries(spInputs)) {
        const value = draft && draft[field];
        if (value !== null && value !== undefined && value !== '' && !input.value.trim()) input.value = String(value);
      }
      note.hidden = true;
    } catch (failure) {
      note.textContent = '未能读取助手已记下的信息,请直接填写。';
      note.hidden = false;
    }
    if (focus && openPanel === 'sp' && !spForm.contains(document.activeElement)) focusFirstEmpty();
  }

  for (const [field, input] of Object.entries(spInputs)) {
    input.addEventListener('input', () => showFieldErrors({ [field]: input }, {}, 'sp-error'));
    // Inline check when leaving a filled-in field, except towards the submit button: a
    // message appearing under the field would move the button away from under the pointer.
    input.addEventListener('focusout', (event) => {
      if (event.relatedTarget === spSubmit || !input.value.trim()) return;
      const reason = validateStopPayment(spValues())[field];
      showFieldErrors({ [field]: input }, reason ? { [field]: reason } : {}, 'sp-error');
    });
  }

  spForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    spFormError.hidden = true;
    const values = spValues();
    const first = showFieldErrors(spInputs, validateStopPayment(values), 'sp-error');
    if (first) {
      first.focus();
      return;
    }
    spSubmit.disabled = true;
    spSubmit.textContent = '正在提交…';
    try {
      const answer = await api(`${base}/stop-payments`, {
        method: 'POST',
        body: {
          payee_account: values.payee_account.replace(/\s+/g, ''),
          payee_bank: values.payee_bank,
          amount: /^\d+(\.\d+)?$/.test(values.amount) ? Number(values.amount) : values.amount,
          transfer_time: values.transfer_time,
        },
      });
      $('sp-result-title').textContent = answer.duplicate ? '这笔止付此前已提交过,未重复提交:' : '止付申请已提交:';
      byTestId('sp-summary').textContent = answer.summary || '';
      spForm.hidden = true;
      $('sp-result').hidden = false;
      byTestId('copy-sp-summary').focus();
    } catch (failure) {
      showSaveFailure(failure, spInputs, 'sp-error', spFormError);
    }
    spSubmit.disabled = false;
    spSubmit.textContent = '提交止付';
  });

  // Another transfer, another request: a fresh form.
  $('sp-another').addEventListener('click', () => {
    spForm.reset();
    showFieldErrors(spInputs, {}, 'sp-error');
    spFormError.hidden = true;
    $('sp-result').hidden = true;
    spForm.hidden = false;
    spInputs.payee_account.focus();
  });

  byTestId('stop-payment-button').addEventListener('click', () => openStopPayment());

  // ---- life-safety alert ------------------------------------------------------------
  // Shown whenever the server says the conversation is on the life-safety path; the danger
  // and the location come from the server, and one click sends help.
  const lifeAlert = byTestId('life-safety-alert');
  function showLifeSafety(state) {
    if (!state || !state.active) {
      lifeAlert.hidden = true;
      return;
    }
    byTestId('life-safety-kind').textContent = state.label || '生命安全风险';
    byTestId('life-safety-location').textContent = state.location || '未知,继续询问';
    lifeAlert.hidden = false;
  }
  for (const button of lifeAlert.querySelectorAll('[data-service]')) {
    button.addEventListener('click', async () => {
      const result = byTestId('life-safety-result');
      button.disabled = true;
      result.hidden = false;
      result.textContent = '正在通知…';
      try {
        const answer = await api(`${base}/life-safety/dispatch`, { method: 'POST', body: { service: button.dataset.service } });
        result.textContent = answer.message || '已通知。';
      } catch (failure) {
        result.textContent = saveFailureText(failure);
      }
      button.disabled = false;
    });
  }

  // ---- escalation -------------------------------------------------------------------
  const escalateButton = byTestId('escalate-button');
  let escalated = false;

  async function escalate() {
    showPanel('esc');
    if (escalated || escalateButton.disabled) return; // one request per page: show the briefing again
    const status = $('esc-status');
    escalateButton.disabled = true;
    $('esc-retry').hidden = true;
    status.classList.remove('error');
    status.textContent = '正在转派…';
    try {
      const answer = await api(`${base}/escalations`, { method: 'POST', body: {} });
      escalated = true;
      status.textContent = `已转${answer.police_station || '辖区派出所'}。请把简报发给派出所:`;
      byTestId('escalation-briefing').textContent = answer.briefing || '';
      $('esc-result').hidden = false;
      byTestId('copy-escalation-briefing').focus();
    } catch (failure) {
      status.textContent = saveFailureText(failure);
      status.classList.add('error');
      $('esc-retry').hidden = false;
      $('esc-retry').focus();
    }
    escalateButton.disabled = false;
  }
  escalateButton.addEventListener('click', escalate);
  $('esc-retry').addEventListener('click', escalate);

  // ---- outcome ----------------------------------------------------------------------
  const outcomeForm = byTestId('outcome-form');
  const outcomeInputs = {
    outcome: byTestId('outcome-select'),
    amount_saved: byTestId('outcome-amount-saved'),
    accounts_frozen: byTestId('outcome-accounts-frozen'),
    amount_frozen: byTestId('outcome-amount-frozen'),
    note: byTestId('outcome-note'),
  };
  const outcomeFormError = $('outcome-form-error');
  const outcomeSubmit = byTestId('outcome-submit');

  // "80000", "8万", "1.5万", "3,000元" → yuan; empty → 0; anything else → NaN.
  function parseYuan(text) {
    const compact = text.replace(/[,,\s元]/g, '');
    if (!compact) return 0;
    const match = /^(\d+(?:\.\d+)?)(万|亿)?$/.exec(compact);
    if (!match) return NaN;
    const unit = match[2] === '亿' ? 1e8 : match[2] === '万' ? 1e4 : 1;
    return Math.round(Number(match[1]) * unit);
  }

  function readOutcome() {
    const errors = {};
    const body = { outcome: outcomeInputs.outcome.value, note: outcomeInputs.note.value.trim() };
    if (!body.outcome) errors.outcome = '请选择结果';
    for (const field of ['amount_saved', 'amount_frozen']) {
      body[field] = parseYuan(outcomeInputs[field].value);
      if (Number.isNaN(body[field])) errors[field] = '请填数字,如 80000 或 8万';
    }
    const accounts = outcomeInputs.accounts_frozen.value.trim();
    body.accounts_frozen = accounts ? Number(accounts) : 0;
    if (!/^\d*$/.test(accounts)) errors.accounts_frozen = '请填账户个数';
    return { body, errors };
  }

  function openOutcome() {
    showPanel('outcome');
    if (outcomeForm.hidden) $('back-to-queue').focus();
    else outcomeInputs.outcome.focus();
  }

  for (const [field, input] of Object.entries(outcomeInputs)) {
    input.addEventListener('input', () => showFieldErrors({ [field]: input }, {}, 'outcome-error'));
  }

  outcomeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    outcomeFormError.hidden = true;
    const { body, errors } = readOutcome();
    const first = showFieldErrors(outcomeInputs, errors, 'outcome-error');
    if (first) {
      first.focus();
      return;
    }
    outcomeSubmit.disabled = true;
    outcomeSubmit.textContent = '正在保存…';
    try {
      const answer = await api(`${base}/outcome`, { method: 'POST', body });
      $('outcome-confirmation-text').textContent = (answer.updated ? '已更新此前登记的结果。' : '') + (answer.confirmation || '结果已登记。');
      const followUp = $('outcome-follow-up');
      followUp.textContent = answer.follow_up_due ? `回访时间:${formatDateTime(answer.follow_up_due)}` : '';
      followUp.hidden = !answer.follow_up_due;
      outcomeForm.hidden = true;
      byTestId('outcome-confirmation').hidden = false;
      clearInterval(timerHandle); // the call is over
      ui.timer.classList.add('is-stopped');
      $('back-to-queue').focus();
    } catch (failure) {
      showSaveFailure(failure, outcomeInputs, 'outcome-error', outcomeFormError);
    }
    outcomeSubmit.disabled = false;
    outcomeSubmit.textContent = '保存结果';
  });

  byTestId('outcome-button').addEventListener('click', openOutcome);

  // ---- keyboard ---------------------------------------------------------------------
  document.addEventListener('keydown', (event) => {
    if (caseMissing) return;
    if (event.ctrlKey && event.shiftKey && !event.altKey && event.code === 'KeyC') {
      event.preventDefault();
      copyWithFeedback(currentSuggestion, ui.copySuggestion);
      return;
    }
    if (event.key === 'Escape' && openPanel) {
      event.preventDefault();
      closePanels();
      return;
    }
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    // event.code, not event.key: Alt changes the typed character on some layouts.
    const quick = /^(?:Digit|Numpad)([1-4])$/.exec(event.code);
    const actions = {
      KeyA: () => sendButtonText(byTestId('ask-alternative')),
      KeyW: () => sendButtonText(byTestId('ask-why')),
      KeyS: () => openStopPayment(),
      KeyR: () => openOutcome(),
    };
    if (quick) {
      event.preventDefault();
      sendButtonText(quickReplies[Number(quick[1]) - 1]);
    } else if (actions[event.code]) {
      event.preventDefault();
      actions[event.code]();
    }
  });

  // ---- start ------------------------------------------------------------------------
  try {
    ui.input.value = sessionStorage.getItem(DRAFT_KEY) || '';
  } catch {
    ui.input.value = '';
  }
  ui.copySuggestion.disabled = true;
  updateCounter();
  ui.input.focus();
  loadCase();
  conversationLoaded = loadConversation();
})();
