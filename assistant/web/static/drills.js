// Training pages: the drill list with progress (/drills) and one drill (/drills/{id}).
'use strict';

(() => {
  const page = document.body.dataset.page;
  const drillUrl = (id) => `/drills/${encodeURIComponent(id)}`;
  const STATUS_MARK = { pass: '✓', fail: '✗' };

  function showError(element, message) {
    element.textContent = message;
    element.hidden = !message;
  }

  function table(headers, rows, testid) {
    return h('table', { class: 'progress-table', testid },
      h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, rows));
  }

  function resultRow(result, titles, withUser) {
    return h('tr', { testid: 'progress-row', dataset: { drillId: result.drill_id, username: result.username } },
      withUser ? h('td', {}, result.username) : null,
      h('td', {}, formatDateTime(result.finished_at)),
      h('td', {}, titles[result.drill_id] || result.drill_id),
      h('td', { class: 'num' }, String(result.score)),
      h('td', { class: result.passed ? 'ok' : 'error' }, result.passed ? '成功' : '失败'));
  }

  function resultsTable(results, titles, withUser) {
    if (!results.length) return h('p', { class: 'muted placeholder' }, '还没有练习记录');
    const headers = [...(withUser ? ['学员'] : []), '时间', '场景', '得分', '结果'];
    const rows = [...results].reverse().map((result) => resultRow(result, titles, withUser));
    return table(headers, rows, 'progress-table');
  }

  function summaryTable(trainees) {
    if (!trainees.length) return h('p', { class: 'muted placeholder' }, '还没有任何练习记录');
    const rows = trainees.map((t) => h('tr', { testid: 'trainee-row', dataset: { username: t.username } },
      h('td', {}, t.username),
      h('td', { class: 'num' }, String(t.drills)),
      h('td', { class: 'num' }, String(t.passed)),
      h('td', { class: 'num' }, String(t.average_score)),
      h('td', { class: 'num' }, String(t.best_score)),
      h('td', {}, formatDateTime(t.last_at))));
    return table(['学员', '次数', '成功', '平均', '最高', '最近'], rows, 'trainees-table');
  }

  async function listPage() {
    const list = document.getElementById('drill-list');
    const error = document.getElementById('drills-error');
    try {
      const { drills } = await api('/api/drills');
      list.replaceChildren(...drills.map((drill) => h('li', {},
        h('a', { class: 'item', href: drillUrl(drill.id), testid: 'drill-item', dataset: { drillId: drill.id } },
          h('div', { class: 'item-row' }, h('strong', { class: 'item-name' }, drill.title)),
          h('div', { class: 'item-row sub' },
            h('span', { class: 'fraud' }, drill.fraud_type_label),
            h('span', { class: `mood mood-${drill.temperament}` }, drill.mood))))));
    } catch (failure) {
      list.replaceChildren(h('li', { class: 'muted placeholder' }, `加载失败:${failure.message}`));
    }
    try {
      const progress = await api('/api/drills/progress');
      document.getElementById('own-progress').replaceChildren(resultsTable(progress.results, progress.titles, false));
      if (progress.trainees) {
        document.getElementById('trainees-section').hidden = false;
        document.getElementById('trainee-progress').replaceChildren(summaryTable(progress.trainees));
        document.getElementById('all-results').replaceChildren(resultsTable(progress.all_results, progress.titles, true));
      }
    } catch (failure) {
      showError(error, `成绩加载失败:${failure.message}`);
    }
  }

  function drillPage() {
    const drillId = document.body.dataset.drillId;
    const log = document.getElementById('drill-log');
    const input = byTestId('drill-input');
    const send = document.getElementById('drill-send');
    const form = document.getElementById('drill-form');
    const error = byTestId('drill-error');
    const finished = byTestId('drill-finished');
    const turns = document.getElementById('drill-turns');
    let sessionId = null;
    let address = '当事人';
    let busy = false;

    const scrollDown = () => log.lastElementChild && log.lastElementChild.scrollIntoView({ block: 'nearest' });

    function personLine(text) {
      log.append(h('li', { class: 'drill-line person', testid: 'drill-person-line' },
        h('span', { class: 'speaker' }, address), h('p', {}, text)));
    }

    function feedbackCard(answer) {
      const fb = answer.feedback;
      const items = fb.rules.filter((rule) => rule.status !== 'na').map((rule) =>
        h('li', { class: `rule rule-${rule.status}`, dataset: { rule: rule.name, status: rule.status } },
          h('span', { class: 'mark', 'aria-hidden': 'true' }, STATUS_MARK[rule.status]),
          h('span', { class: 'visually-hidden' }, rule.status === 'pass' ? '做到:' : '欠缺:'),
          rule.message || rule.label));
      return h('li', { class: 'drill-line feedback', testid: 'drill-feedback', dataset: { score: fb.score } },
        h('div', { class: 'feedback-head' },
          h('span', { class: 'speaker' }, `教练 · 第${answer.turn}句`),
          h('strong', { class: 'turn-score' }, `${fb.score}/100`)),
        h('ul', { class: 'rules' }, items),
        fb.suggestion ? h('p', { class: 'reference' }, h('span', { class: 'muted' }, '参考说法:'), fb.suggestion) : null);
    }

    function setEnabled(enabled) {
      input.disabled = !enabled;
      send.disabled = !enabled;
      if (enabled) input.focus();
    }

    async function start() {
      log.replaceChildren();
      finished.hidden = true;
      form.hidden = false;
      showError(error, '');
      setEnabled(false);
      try {
        const answer = await api(`/api/drills/${encodeURIComponent(drillId)}/sessions`, { method: 'POST' });
        sessionId = answer.session_id;
        address = answer.profile.address;
        const { drill, profile } = answer;
        document.getElementById('drill-title').textContent = drill.title;
        document.title = `${drill.title} · 训练 · 全阻`;
        turns.textContent = `0/${drill.max_turns}`;
        document.getElementById('drill-profile').replaceChildren(
          h('div', { class: 'card-head' },
            h('h1', { class: 'addr' }, profile.address),
            profile.age ? h('span', {}, `${profile.age}岁`) : null,
            h('span', { class: 'fraud' }, drill.fraud_type_label),
            h('span', { class: `mood mood-${drill.temperament}` }, drill.mood)),
          h('p', { class: 'note' }, profile.situation),
          h('p', { class: 'note' }, `你扮演反诈民警,最多 ${drill.max_turns} 句。`));
        personLine(answer.person_line);
        setEnabled(true);
      } catch (failure) {
        const message = failure.status === 404 ? '没有这个训练场景' : failure.message;
        document.getElementById('drill-profile').replaceChildren(
          h('p', { class: 'error' }, message), h('a', { href: '/drills', class: 'btn' }, '返回训练列表'));
      }
    }

    async function say() {
      if (busy || !sessionId) return;
      const text = input.value.trim();
      if (!text) {
        showError(error, '请输入你要对当事人说的话');
        return;
      }
      busy = true;
      showError(error, '');
      setEnabled(false);
      try {
        const answer = await api(`/api/drill-sessions/${encodeURIComponent(sessionId)}/lines`, { method: 'POST', body: { text } });
        input.value = '';
        log.append(h('li', { class: 'drill-line trainee', testid: 'drill-trainee-line' },
          h('span', { class: 'speaker' }, '我(民警)'), h('p', {}, answer.trainee_line)));
        log.append(feedbackCard(answer));
        personLine(answer.person_line);
        turns.textContent = `${answer.turn}/${answer.max_turns}`;
        if (answer.finished) {
          sessionId = null;
          form.hidden = true;
          document.getElementById('drill-score').textContent = String(answer.score);
          const verdict = document.getElementById('drill-verdict');
          verdict.textContent = answer.passed ? '✓ 劝阻成功' : '✗ 劝阻失败';
          verdict.className = `drill-verdict ${answer.passed ? 'ok' : 'error'}`;
          finished.dataset.passed = String(answer.passed);
          finished.hidden = false;
          document.getElementById('drill-restart').focus();
        } else {
          setEnabled(true);
        }
        scrollDown();
      } catch (failure) {
        showError(error, failure.status === 404 ? '这次练习已失效,请点“再练一次”重新开始' : failure.message);
        if (failure.status === 404) {
          sessionId = null;
          form.hidden = true;
          finished.hidden = false;
        } else {
          setEnabled(true);
        }
      } finally {
        busy = false;
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      say();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        say();
      }
    });
    document.getElementById('drill-restart').addEventListener('click', start);
    start();
  }

  if (page === 'drills') listPage();
  else if (page === 'drill') drillPage();
})();
