// The ScaleCast dashboard: signs in with a lab's API key (kept in this tab's session storage only), lists the lab's
// families and draws a family's laws against its points and its runs' forecasts and alerts from predict-service's
// REST API, polling for new versions.
'use strict';

(() => {
  const KEY = 'scalecast.apiKey';
  // Okabe and Ito's palette: told apart by colour-blind readers.
  const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];
  const POLL_MS = 1000;
  const TABLE_ROWS = 1000;
  const CURVE_LAWS = ['chinchilla', 'overtraining'];
  const FLOP_AXES = { xLabel: 'FLOPs C', height: 360, x: 'log10', y: 'log' };
  const HISTORY_VERSIONS = 200;

  const $ = (id) => document.getElementById(id);
  const state = {
    families: [], family: null, law: null, version: null, versions: null, curve: null, optimal: null, history: null,
    downstream: null, benchmark: null, poller: null, target: null, charts: {},
    alerts: null, runs: null, run: null, runVersions: null, runForecast: null, whatIf: null, whatIfAnswer: null,
    decay: null,
    decayKey: null,
  };

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path) {
    const response = await fetch(path, {
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY), Accept: 'application/json' },
    });
    if (!response.ok) {
      let message = response.statusText;
      try {
        // Every refusal is an ErrorBody: the sentence, and the field at fault.
        const body = await response.json();
        message = body.error || message;
        if (body.field && !message.includes(body.field)) {
          message = body.field + ': ' + message;
        }
      } catch (e) {
        // Not a JSON answer: the status text says enough.
      }
      throw new ApiError(response.status, message);
    }
    return response.json();
  }

  /** What a refused key means for the person signing in. */
  function refusal(error) {
    switch (error.status) {
      case 401: return 'This key was refused: it is wrong or has been revoked (' + error.message + ').';
      case 403: return 'This key may not read the lab\'s families (' + error.message + ').';
      case 429: return 'Too many requests with this key (rate-limited): wait a moment and sign in again.';
      default: return 'ScaleCast did not answer as expected: ' + error.message;
    }
  }

  function show(view) {
    for (const id of ['signin-view', 'families-view', 'family-view']) {
      $(id).hidden = id !== view;
    }
    $('signed-in').hidden = view === 'signin-view';
  }

  async function signIn(key) {
    sessionStorage.setItem(KEY, key);
    try {
      await refresh();
    } catch (error) {
      signOut(refusal(error));
      return;
    }
    $('signin-error').textContent = '';
    $('api-key').value = '';
    startPolling();
    route();
  }

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    clearInterval(state.poller);
    state.poller = null;
    state.family = null;
    state.families = [];
    state.alerts = null;
    $('signin-error').textContent = message || '';
    show('signin-view');
    $('api-key').focus();
  }

  function startPolling() {
    clearInterval(state.poller);
    state.poller = setInterval(poll, POLL_MS);
  }

  /** The lab's families and its runs' alerts; the alerts are fit-service's, so their absence hides nothing else. */
  async function refresh() {
    const [families, alerts] = await Promise.all([api('/api/v1/families'),
      api('/api/v1/alerts').catch((error) => error)]);
    state.families = families;
    if (alerts instanceof Error) {
      $('alerts-status').textContent = 'Alerts are unavailable for now: ' + alerts.message;
    } else {
      state.alerts = alerts;
      $('alerts-status').textContent = '';
    }
  }

  async function poll() {
    try {
      await refresh();
    } catch (error) {
      if (error.status === 401) {
        signOut(refusal(error));
      }
      return;
    }
    renderFamilies();
    // Any of the family's laws counts: the compute-optimal chart also draws its frontier power law.
    if (state.family && lawVersions(state.family) !== state.versions) {
      await loadFamily(state.family, state.law);
    } else if (state.family && runVersions(state.family) !== state.runVersions) {
      await loadRuns(state.family);
    }
  }

  /** The versions of the family's run forecasts and its alerts, as one string that changes when any of them does. */
  function runVersions(family) {
    const summary = state.families.find((f) => f.family === family);
    const forecasts = summary ? (summary.forecasts || []).map((r) => r.run + ' v' + r.version).join(', ') : '';
    return forecasts + '; alerts ' + familyAlerts(family).map((a) => a.run + ' ' + a.kind + '@' + a.step
      + (a.recoveredAt ? ' recovered' : '')).join(', ');
  }

  function familyAlerts(family) {
    return (state.alerts || []).filter((a) => a.family === family);
  }

  /** The versions of every law of the family, as one string that changes when any of them does. */
  function lawVersions(family) {
    const summary = state.families.find((f) => f.family === family);
    return summary ? summary.laws.map((l) => l.law + ' v' + l.version).sort().join(', ') + '; maps '
      + (summary.maps || []).map((m) => m.benchmark + ' v' + m.version).join(', ') : null;
  }

  function route() {
    if (!sessionStorage.getItem(KEY)) {
      show('signin-view');
      return;
    }
    const match = /^#\/family\/([^?]+)(?:\?law=(.+))?$/.exec(location.hash);
    if (match) {
      const family = decodeURIComponent(match[1]);
      show('family-view');
      loadFamily(family, match[2] ? decodeURIComponent(match[2]) : null);
    } else {
      state.family = null;
      show('families-view');
      renderFamilies();
    }
  }

  /**
   * Polled every second: a family's row is kept and its cells rewritten, so that a keyboard user's focus and a click
   * on its button survive; rows are only added, removed or reordered when the list changes.
   */
  function renderFamilies() {
    const filter = $('family-filter').value.trim().toLowerCase();
    const body = $('families').tBodies[0];
    const existing = new Map([...body.rows].map((tr) => [tr.dataset.family, tr]));
    const rows = state.families.filter((f) => f.family.toLowerCase().includes(filter)).map((f) => {
      const tr = existing.get(f.family) || familyRow(f.family);
      fillFamilyRow(tr, f);
      return tr;
    });
    if (rows.length !== body.rows.length || rows.some((tr, i) => body.rows[i] !== tr)) {
      body.replaceChildren(...rows);
    }
    $('families-empty').hidden = state.families.length > 0;
  }

  function familyRow(family) {
    const tr = document.createElement('tr');
    tr.dataset.family = family;
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link';
    open.textContent = family;
    open.addEventListener('click', () => { location.hash = '#/family/' + encodeURIComponent(family); });
    tr.append(cell(open), cell('', 'num'), cell('', 'num'), cell(''), cell('', 'num'), cell('', 'num'), cell(''));
    return tr;
  }

  function fillFamilyRow(tr, f) {
    const forecasts = f.forecasts || [];
    const newest = f.laws.map((l) => l.fittedAt).concat(forecasts.map((r) => r.fittedAt)).sort().pop();
    const open = familyAlerts(f.family).filter((a) => !a.recoveredAt).length;
    const texts = [f.runs, f.points, f.laws.length ? f.laws.map((l) => l.law + ' v' + l.version).join(', ')
      + (f.maps && f.maps.length ? '; ' + f.maps.length + ' benchmark map' + (f.maps.length > 1 ? 's' : '') : '')
      : '—', forecasts.length ? forecasts.length + ' run' + (forecasts.length > 1 ? 's' : '') : '—',
    state.alerts ? open : '—', newest ? ago(newest) : '—'];
    texts.forEach((text, i) => {
      const td = tr.cells[i + 1];
      if (td.textContent !== String(text)) {
        td.textContent = String(text);
      }
    });
    tr.classList.toggle('alerting', open > 0);
  }

  function cell(content, className) {
    const td = document.createElement('td');
    if (content instanceof Node) {
      td.append(content);
    } else {
      td.textContent = String(content);
    }
    if (className) {
      td.className = className;
    }
    return td;
  }

  function ago(iso) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (seconds < 90) {
      return seconds + ' s ago';
    }
    return seconds < 5400 ? Math.round(seconds / 60) + ' min ago' : new Date(iso).toLocaleString();
  }

  async function loadFamily(family, wanted) {
    const summary = state.families.find((f) => f.family === family);
    if (state.family !== family) {
      clearChart();
      clearRuns('');
      state.target = null;
      state.run = null;
      state.whatIf = null;
      $('prediction').textContent = '';
      clearDecisions();
    }
    state.family = family;
    $('family-title').textContent = family;
    if (summary && !summary.laws.some((l) => CURVE_LAWS.includes(l.law))) {
      // Runs of one model size have forecasts (and laws of whole loss curves) but no law of N and D to draw.
      const others = summary.laws.map((l) => l.law + ' v' + l.version).join(', ');
      state.law = null;
      state.versions = lawVersions(family);
      $('law-panel').hidden = true;
      $('law-status').textContent = 'No law of N and D yet: the family needs runs of several model sizes.'
        + (others ? ' Its laws: ' + others + '.' : '');
      await loadRuns(family);
      return;
    }
    $('law-panel').hidden = false;
    $('law-status').textContent = '';
    await Promise.all([loadLaw(family, summary, wanted), loadRuns(family)]);
  }

  /** The family's law of that kind (or its first): curves, compute-optimal split, parameters, history, maps. */
  async function loadLaw(family, summary, wanted) {
    const laws = summary ? summary.laws.map((l) => l.law).filter((l) => CURVE_LAWS.includes(l)) : [];
    const law = wanted && laws.includes(wanted) ? wanted : laws[0] || 'chinchilla';
    state.law = law;
    renderLawChoice(laws, law);
    const path = '/api/v1/families/' + encodeURIComponent(family);
    const versions = lawVersions(family);
    try {
      const [curve, fitted, optimal] = await Promise.all([
        api(path + '/curve?law=' + encodeURIComponent(law) + targetQuery()),
        api(path + '/laws'),
        api(path + '/compute-optimal/curve?law=' + encodeURIComponent(law)),
      ]);
      if (state.family !== family || state.law !== law) {
        return;
      }
      state.curve = curve;
      state.version = curve.version;
      state.versions = versions;
      $('law-version').textContent = law + ' v' + curve.version + ', fitted on ' + curve.watermark.points
        + ' points of ' + curve.watermark.runs + ' runs';
      $('law-version').dataset.version = curve.version;
      draw(curve);
      renderNumbers(curve);
      drawOptimal(optimal);
      renderLaw(fitted.find((l) => l.law === law));
      renderCompareChoice(family, law);
    } catch (error) {
      $('law-version').textContent = '';
      $('family-warnings').textContent = 'No ' + law + ' law to show: ' + error.message;
      return;
    }
    await Promise.all([loadHistory(family, law), loadDownstream(family, law)]);
  }

  /**
   * The family's runs with a forecast, and the chosen run's forecast under its plan, beside the what-if schedule
   * asked for (a refused one is said once and not asked again) and, for a WSD plan, the best decay start.
   */
  async function loadRuns(family) {
    const summary = state.families.find((f) => f.family === family);
    const versions = runVersions(family);
    if (!summary || !(summary.forecasts || []).length) {
      clearRuns('No run forecast yet: fit-service forecasts a running run once its checkpoints carry learning rates'
        + ' or it has a plan, and a run of its model size has annealed.');
      state.runVersions = versions;
      return;
    }
    const path = '/api/v1/families/' + encodeURIComponent(family) + '/runs';
    try {
      const runs = await api(path);
      if (state.family !== family || !runs.length) {
        return;
      }
      const names = runs.map((r) => r.run);
      const chosen = names.includes(state.run) ? state.run : (runs.find((r) => r.schedule) || runs[0]).run;
      if (chosen !== state.run) {
        state.whatIf = null;
        state.whatIfAnswer = null;
      }
      state.run = chosen;
      state.runs = runs;
      $('run').replaceChildren(...names.map((r) => new Option(r, r, r === chosen, r === chosen)));
      const base = path + '/' + encodeURIComponent(chosen) + '/forecast';
      const current = runs.find((r) => r.run === chosen);
      const wsd = Boolean(current.schedule && current.schedule.startsWith('wsd'));
      // The best decay start changes only with the forecast's version, not with the run's alerts.
      const decayKey = wsd ? family + '/' + chosen + '@' + current.version : null;
      const keepDecay = wsd && state.decayKey === decayKey;
      const whatIf = state.whatIf;
      const [forecast, asked, decay] = await Promise.all([api(base),
        whatIf ? api(base + '?schedule=' + encodeURIComponent(whatIf)).catch((error) => error) : null,
        wsd && !keepDecay ? api(base + '/decay').catch(() => null) : state.decay]);
      if (state.family !== family || state.run !== chosen) {
        return;
      }
      if (asked instanceof Error) {
        $('whatif-status').textContent = 'No what-if under ' + whatIf + ': ' + asked.message;
        state.whatIf = null;
        state.whatIfAnswer = null;
      } else if (asked) {
        state.whatIfAnswer = asked;
      }
      state.runForecast = forecast;
      state.decay = wsd ? decay : null;
      state.decayKey = decayKey;
      state.runVersions = versions;
      $('runs-panel').hidden = false;
      $('runs-status').textContent = runs.length + ' run' + (runs.length > 1 ? 's' : '') + ' with a forecast.';
      drawRun();
    } catch (error) {
      $('runs-status').textContent = 'No run forecast to show: ' + error.message;
    }
  }

  function clearRuns(message) {
    if (state.charts['run-chart']) {
      state.charts['run-chart'].destroy();
      delete state.charts['run-chart'];
    }
    for (const key of Object.keys($('run-chart').dataset)) {
      delete $('run-chart').dataset[key];
    }
    state.runs = null;
    state.runForecast = null;
    state.whatIfAnswer = null;
    state.decay = null;
    state.decayKey = null;
    state.runVersions = null;
    $('runs-panel').hidden = true;
    $('runs-status').textContent = message;
    $('whatif-status').textContent = '';
  }

  /** The run's observed curve, the law through it, its forecast and the what-if with their bands, and its alerts. */
  function drawRun() {
    const f = state.runForecast;
    const w = state.whatIfAnswer;
    const alerts = familyAlerts(f.family).filter((a) => a.run === f.run);
    const series = [
      { label: 'observed', color: PALETTE[0], kind: 'points', points: f.observed.map((o) => [o.step, o.loss]) },
      { label: f.law + ' law', color: PALETTE[6], kind: 'line', points: f.observed.map((o) => [o.step, o.fitted]) },
    ];
    if (f.forecast.length) {
      series.push(...withBand('forecast under the plan', PALETTE[1], f.forecast, ['step', 'loss', 'lower', 'upper']));
    }
    if (w && w.forecast.length) {
      series.push(...withBand('what-if', PALETTE[2], w.forecast, ['step', 'loss', 'lower', 'upper']));
    }
    if (alerts.length) {
      series.push({ label: 'alerts', color: PALETTE[5], kind: 'alert', points: alerts.map((a) => [a.step, a.observed]) });
    }
    const chart = plot('run-chart', series, { xLabel: 'step', yLabel: 'loss', height: 400, x: 'linear', y: 'linear' });
    chart.dataset.family = f.family;
    chart.dataset.run = f.run;
    chart.dataset.version = String(f.version);
    chart.dataset.observed = String(f.observed.length);
    chart.dataset.forecast = String(f.forecast.length);
    chart.dataset.whatif = String(w ? w.forecast.length : 0);
    chart.dataset.alerts = String(alerts.length);
    $('run-summary').textContent = runSentence(f, w, state.decay);
    renderAlerts(alerts);
    renderTable('run-numbers', 'run-table', runNumbers(f, w));
  }

  function runSentence(f, w, decay) {
    const last = f.observed.length ? f.observed[f.observed.length - 1] : null;
    const head = 'Run ' + f.run + ' (N = ' + format(f.params) + '), forecast v' + f.version + ' by the ' + f.law
      + ' law fitted on ' + f.fit.points + ' checkpoints of ' + f.sizeRuns.length + ' run'
      + (f.sizeRuns.length > 1 ? 's' : '') + ' of its size (' + f.sizeRuns.join(', ') + '), R² ' + format(f.fit.r2)
      + '. Last step ' + f.lastStep + (last ? ' at loss ' + format(last.loss) : '') + '.';
    const borrowed = f.borrowed ? ' ' + f.borrowed : '';
    const plan = !f.plan ? ' It has no plan: PUT one to ingest-service to forecast it to its end; what-ifs still'
      + ' answer.' : f.finalLoss ? ' Under its plan (' + f.plan.schedule + ') the loss at step ' + f.finalLoss.step
      + ' is ' + pointText(f.finalLoss) + '.' : ' It has reached the end of its plan (' + f.plan.schedule + ').';
    const whatIf = w && w.finalLoss ? ' What-if (' + w.schedule + '): ' + pointText(w.finalLoss) + ' at step '
      + w.finalLoss.step + (f.finalLoss ? ', ' + format(Math.abs(f.finalLoss.loss - w.finalLoss.loss))
      + (w.finalLoss.loss < f.finalLoss.loss ? ' lower' : ' higher') + ' than under the plan' : '') + '.' : '';
    const best = decay ? ' Best decay start under the law: step ' + decay.best.decayStart + ' (a decay of '
      + decay.best.decayLength + ' steps), final loss ' + pointText(decay.best.finalLoss) + ', '
      + format(decay.gain.loss) + ' below the plan' + (decay.gain.interval.length ? ' [' + format(decay.gain.interval[0])
      + ', ' + format(decay.gain.interval[1]) + ']' : '') + '.' : '';
    return head + borrowed + plan + whatIf + best;
  }

  function pointText(p) {
    return format(p.loss) + ' [' + format(p.lower) + ', ' + format(p.upper) + '] (95%)';
  }

  function renderAlerts(alerts) {
    const body = $('run-alerts').tBodies[0];
    if (!alerts.length) {
      const td = cell(state.alerts ? 'No alert for this run.' : 'Alerts are unavailable for now.');
      td.colSpan = 8;
      const tr = document.createElement('tr');
      tr.append(td);
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...alerts.map((a) => {
      const tr = document.createElement('tr');
      tr.className = a.recoveredAt ? 'recovered' : a.severity;
      tr.append(cell(ago(a.raisedAt)), cell(a.kind), cell(a.severity), cell(a.step, 'num'),
        cell(format(a.observed), 'num'), cell(a.expected ? pointText(a.expected) : '—', 'num'),
        cell(a.recoveredAt ? 'at step ' + a.recoveredStep + ', ' + ago(a.recoveredAt) : 'open'), cell(a.message));
      return tr;
    }));
  }

  function runNumbers(f, w) {
    const ahead = (label, points) => points.map((p) => [label, p.step, p.loss, blank(p.lower), blank(p.upper)]);
    return f.observed.map((o) => ['observed', o.step, o.loss, '', ''])
      .concat(f.observed.map((o) => ['law', o.step, o.fitted, '', '']), ahead('forecast', f.forecast),
        w ? ahead('what-if ' + w.schedule, w.forecast) : []);
  }

  function downloadRunCsv() {
    const f = state.runForecast;
    if (f) {
      saveCsv(f.family + '-' + f.run + '-forecast-v' + f.version + '.csv', ['series', 'step', 'loss', 'lower', 'upper'],
        runNumbers(f, state.whatIfAnswer));
    }
  }

  async function askWhatIf(event) {
    event.preventDefault();
    const schedule = $('whatif').value.trim();
    $('whatif-status').textContent = '';
    state.whatIf = schedule || null;
    state.whatIfAnswer = null;
    await loadRuns(state.family);
  }

  /** The family's loss-to-error maps, with the chained prediction at the target once one was asked for. */
  async function loadDownstream(family, law) {
    const summary = state.families.find((f) => f.family === family);
    if (!summary || !(summary.maps || []).length) {
      clearDownstream('No loss-to-error map yet: eval-service fits one per benchmark once the family\'s models have'
        + ' downstream results beside their losses.');
      return;
    }
    const target = state.target ? '&params=' + state.target.params + '&tokens=' + state.target.asked : '';
    try {
      const maps = await api('/api/v1/families/' + encodeURIComponent(family) + '/downstream/maps?law='
        + encodeURIComponent(law) + target);
      if (state.family === family && state.law === law) {
        state.downstream = maps;
        renderBenchmarks(maps);
        drawDownstream();
      }
    } catch (error) {
      clearDownstream('No downstream view: ' + error.message);
    }
  }

  /** The law's history, from fit-service through predict-service: drawn apart, so its silence hides nothing else. */
  async function loadHistory(family, law) {
    try {
      const history = await api('/api/v1/families/' + encodeURIComponent(family) + '/laws/history?law='
        + encodeURIComponent(law) + '&limit=' + HISTORY_VERSIONS);
      if (state.family === family && state.law === law) {
        drawHistory(history);
      }
    } catch (error) {
      $('history-status').textContent = 'No history to show: ' + error.message;
    }
  }

  /** The curve query's extra size and range when a prediction's target was asked for. */
  function targetQuery() {
    if (!state.target) {
      return '';
    }
    const sizes = new Set(state.target.sizes.concat([state.target.params]));
    return '&params=' + [...sizes].join(',') + '&tokensMax=' + state.target.tokens;
  }

  async function predict(event) {
    event.preventDefault();
    const params = $('target-params').value.trim();
    const tokens = $('target-tokens').value.trim();
    const query = '?law=' + encodeURIComponent(state.law) + '&params=' + encodeURIComponent(params)
      + '&tokens=' + encodeURIComponent(tokens);
    try {
      const p = await api('/api/v1/families/' + encodeURIComponent(state.family) + '/predictions' + query);
      const band = p.interval ? ' [' + format(p.interval.lower) + ', ' + format(p.interval.upper) + '] (95%)' : '';
      const beyond = p.extrapolation.beyondData ? ' It extrapolates ' + format(p.extrapolation.paramsRatio)
        + '× the largest N and ' + format(p.extrapolation.tokensRatio) + '× the largest D fitted.' : '';
      const warning = p.extrapolation.warning ? ' ' + p.extrapolation.warning : '';
      $('prediction').textContent = 'Loss at N = ' + format(p.params) + ', D = ' + format(p.tokens) + ': '
        + format(p.loss) + band + ', ' + p.law + ' v' + p.version + '.' + beyond + warning;
      const sizes = state.curve ? state.curve.curves.filter((c) => c.run !== null).map((c) => c.params) : [];
      state.target = { params: p.params, tokens: Math.max(p.tokens, maxTokens()), asked: p.tokens, sizes };
      await loadFamily(state.family, state.law);
    } catch (error) {
      $('prediction').textContent = 'No prediction: ' + error.message;
    }
  }

  function maxTokens() {
    const all = state.curve ? state.curve.curves.flatMap((c) => c.points.map((p) => p.tokens)) : [];
    return all.length ? Math.max(...all) : 0;
  }

  async function computeOptimal(event) {
    event.preventDefault();
    const query = '?law=' + encodeURIComponent(state.law) + '&flops=' + encodeURIComponent($('budget').value.trim());
    try {
      const o = await api('/api/v1/families/' + encodeURIComponent(state.family) + '/compute-optimal' + query);
      $('prediction').textContent = 'For C = ' + format(o.flops) + ' FLOPs the compute-optimal model is N* = '
        + format(o.params) + ' trained on D* = ' + format(o.tokens) + ' tokens (D*/N* = ' + format(o.tokensPerParam)
        + '), loss ' + format(o.loss) + '; N* ∝ C^' + format(o.paramsExponent) + ', D* ∝ C^'
        + format(o.tokensExponent) + '.';
    } catch (error) {
      $('prediction').textContent = 'No compute-optimal answer: ' + error.message;
    }
  }

  /** Which runs to train next for a target, ranked by predict-service's next-runs answer. */
  async function nextRuns(event) {
    event.preventDefault();
    // Every field typed is sent, so that predict-service says which to drop when both targets are given.
    const query = [['params', 'next-params'], ['tokens', 'next-tokens'], ['flops', 'next-flops'],
      ['budget', 'next-budget']].filter(([, id]) => $(id).value.trim())
      .map(([name, id]) => '&' + name + '=' + encodeURIComponent($(id).value.trim())).join('');
    try {
      const plan = await api('/api/v1/families/' + encodeURIComponent(state.family) + '/next-runs?law='
        + encodeURIComponent(state.law) + query + '&limit=10');
      renderNextRuns(plan);
    } catch (error) {
      clearNextRuns('No ranking: ' + error.message);
    }
  }

  function renderNextRuns(plan) {
    const t = plan.target;
    const now = t.width === null ? 'unbounded (the runs leave a parameter free)' : format(t.width) + ' wide';
    const band = t.interval ? ' (the bootstrap gives [' + format(t.interval.lower) + ', ' + format(t.interval.upper)
      + '])' : '';
    $('next-runs-status').textContent = 'At N = ' + format(t.params) + ', D = ' + format(t.tokens) + ' the ' + plan.law
      + ' v' + plan.version + ' law predicts ' + format(t.loss) + '; its 95% interval is ' + now + band + '. Of '
      + plan.considered + ' candidate runs, the ' + plan.candidates.length + ' that narrow it most per FLOP:';
    const table = $('next-runs-table');
    table.dataset.version = plan.version;
    table.tBodies[0].replaceChildren(...plan.candidates.map((c) => {
      const tr = document.createElement('tr');
      tr.append(cell(c.rank, 'num'), cell(format(c.params), 'num'), cell(format(c.tokens), 'num'),
        cell(format(c.tokensPerParam), 'num'), cell(format(c.flops), 'num'),
        cell(c.widthAfter === null ? '—' : format(c.widthAfter), 'num'),
        cell(c.shrink === null ? '—' : format(c.shrink), 'num'), cell(c.why));
      return tr;
    }));
    table.hidden = false;
    const check = plan.checkRun;
    const where = check.lower === null ? 'once every parameter is identified'
      : 'its final loss should land in [' + format(check.lower) + ', ' + format(check.upper) + ']';
    $('next-runs-check').textContent = 'Check run: N = ' + format(check.params) + ', D = ' + format(check.tokens)
      + ' (' + format(check.flops) + ' FLOPs); the law predicts ' + format(check.loss) + ' and ' + where + '. '
      + check.use.charAt(0).toUpperCase() + check.use.slice(1) + '.';
    $('next-runs-check').hidden = false;
    const notes = $('next-runs-assumptions');
    notes.querySelector('ul').replaceChildren(...plan.assumptions.map((a) => {
      const li = document.createElement('li');
      li.textContent = a;
      return li;
    }));
    notes.hidden = false;
  }

  function clearNextRuns(message) {
    $('next-runs-status').textContent = message;
    $('next-runs-table').hidden = true;
    $('next-runs-table').tBodies[0].replaceChildren();
    $('next-runs-check').hidden = true;
    $('next-runs-assumptions').hidden = true;
  }

  /** The lab's other families with a law of this kind, to compare this one with. */
  function renderCompareChoice(family, law) {
    const select = $('compare-family');
    const kept = select.value;
    const others = state.families.filter((f) => f.family !== family && f.laws.some((l) => l.law === law))
      .map((f) => f.family);
    select.replaceChildren(...others.map((f) => new Option(f, f, false, f === kept)));
    $('compare-form').querySelector('button').disabled = others.length === 0;
    const none = 'No other family of this lab has a ' + law + ' law to compare with.';
    if (others.length === 0 && !$('compare-answer').textContent) {
      $('compare-answer').textContent = none;
    } else if (others.length > 0 && $('compare-answer').textContent === none) {
      $('compare-answer').textContent = '';
    }
  }

  /** Whether this family's law and another's differ at a target, as predict-service's compare answers. */
  async function compare(event) {
    event.preventDefault();
    const benchmark = $('compare-benchmark').value.trim();
    const query = '?law=' + encodeURIComponent(state.law) + '&families=' + encodeURIComponent(state.family) + ','
      + encodeURIComponent($('compare-family').value) + '&params='
      + encodeURIComponent($('compare-params').value.trim()) + '&tokens='
      + encodeURIComponent($('compare-tokens').value.trim())
      + (benchmark ? '&benchmark=' + encodeURIComponent(benchmark) : '');
    try {
      renderComparison(await api('/api/v1/compare' + query));
    } catch (error) {
      $('compare-answer').textContent = 'No comparison: ' + error.message;
      $('compare-table').hidden = true;
    }
  }

  function renderComparison(c) {
    const d = c.downstream;
    // The sentences may start with a family's name, which keeps its case.
    $('compare-answer').textContent = 'Loss: ' + c.answer + '.' + (d ? ' Downstream: ' + d.answer + '.' : '');
    $('compare-first').textContent = c.first.family + ' v' + c.first.version;
    $('compare-second').textContent = c.second.family + ' v' + c.second.version;
    const range = (i) => format(i.lower) + ', ' + format(i.upper);
    // A bootstrap p of 0 says only that the true p is below one draw's share.
    const pText = (p, draws) => (p === 0 ? '< ' + format(1 / draws) : format(p));
    const rows = [
      ['loss', c.first.loss, c.second.loss, format(c.difference) + ' [' + range(c.interval) + ']',
        pText(c.differenceP, c.draws)],
      ['alpha', c.first.alpha, c.second.alpha, format(c.second.alpha - c.first.alpha), format(c.exponentsP)],
      ['beta', c.first.beta, c.second.beta, format(c.second.beta - c.first.beta), format(c.exponentsP)],
    ];
    if (d) {
      rows.push([d.benchmark + ' error', d.errorFirst, d.errorSecond,
        format(d.difference) + ' [' + range(d.interval) + ']', pText(d.p, d.draws)]);
    }
    const table = $('compare-table');
    table.dataset.verdict = c.verdict;
    table.tBodies[0].replaceChildren(...rows.map(([name, first, second, difference, p]) => {
      const tr = document.createElement('tr');
      tr.append(cell(name), cell(format(first), 'num'), cell(format(second), 'num'), cell(difference, 'num'),
        cell(p, 'num'));
      return tr;
    }));
    table.hidden = false;
  }

  function clearDecisions() {
    clearNextRuns('');
    $('compare-answer').textContent = '';
    $('compare-table').hidden = true;
    $('compare-table').tBodies[0].replaceChildren();
  }

  function renderLawChoice(laws, law) {
    const select = $('law');
    select.replaceChildren(...laws.map((l) => new Option(l, l, l === law, l === law)));
    select.disabled = laws.length < 2;
  }

  /** The chart's series: per model size, its fitted and cut points and the law's line with its band. */
  function seriesOf(curve) {
    const sizes = [...new Set(curve.curves.map((c) => c.params).concat(curve.observed.map((p) => p.params)))]
      .sort((a, b) => a - b);
    const out = [];
    sizes.forEach((n, i) => {
      const color = PALETTE[i % PALETTE.length];
      const label = 'N=' + Number(n.toPrecision(3)).toExponential();
      const line = curve.curves.find((c) => c.params === n);
      const observed = curve.observed.filter((p) => p.params === n);
      const fitted = observed.filter((p) => p.fitted).map((p) => [p.tokens, p.loss]);
      const cut = observed.filter((p) => !p.fitted).map((p) => [p.tokens, p.loss]);
      if (fitted.length) {
        out.push({ label: label + ' fitted', color, kind: 'points', points: fitted });
      }
      if (cut.length) {
        out.push({ label: label + ' cut', color, kind: 'hollow', points: cut });
      }
      if (line) {
        out.push({ label: label + ' law', color, kind: 'line', points: line.points.map((p) => [p.tokens, p.loss]) });
        if (line.points.every((p) => p.lower !== null)) {
          out.push({ label: label + ' 95% low', color, kind: 'band', points: line.points.map((p) => [p.tokens, p.lower]) });
          out.push({ label: label + ' 95% high', color, kind: 'band', points: line.points.map((p) => [p.tokens, p.upper]) });
        }
      }
    });
    return out;
  }

  /** uPlot wants one ascending x array: every series gets its own slots in it, null elsewhere. */
  function aligned(series) {
    const all = [];
    series.forEach((s, k) => s.points.forEach(([x, y]) => all.push([x, y, k])));
    all.sort((a, b) => a[0] - b[0]);
    const xs = all.map((p) => p[0]);
    const ys = series.map(() => new Array(all.length).fill(null));
    all.forEach(([, y, k], i) => { ys[k][i] = y; });
    return [xs, ...ys];
  }

  function uplotSeries(s) {
    const base = { label: s.label, stroke: s.color, spanGaps: true };
    switch (s.kind) {
      case 'points': return { ...base, paths: () => null, points: { show: true, space: 0, size: 5, fill: s.color } };
      case 'hollow': return { ...base, paths: () => null, points: { show: true, space: 0, size: 6, fill: '#fff' } };
      case 'band': return { ...base, width: 1, dash: [6, 4], points: { show: false } };
      case 'marked': return { ...base, width: 2, points: { show: true, space: 0, size: 6, fill: s.color } };
      case 'marked band': return { ...base, width: 1, dash: [6, 4], points: { show: true, space: 0, size: 5 } };
      case 'alert': return { ...base, width: 3, paths: () => null, points: { show: true, space: 0, size: 12, width: 3,
        fill: '#fff' } };
      default: return { ...base, width: 2, points: { show: false } };
    }
  }

  function clearChart() {
    for (const id of ['loss-chart', 'optimal-chart', 'budget-chart', 'history-chart', 'width-chart',
      'downstream-chart']) {
      if (state.charts[id]) {
        state.charts[id].destroy();
        delete state.charts[id];
      }
      const container = $(id);
      for (const key of Object.keys(container.dataset)) {
        delete container.dataset[key];
      }
    }
    state.curve = null;
    state.optimal = null;
    state.history = null;
    state.downstream = null;
    $('history-status').textContent = '';
    state.version = null;
    state.versions = null;
  }

  /**
   * Draws the series into the element of that id, replacing what it showed. Each axis is 'log', 'linear' or, for
   * x, 'versions' (whole numbers) or 'log10': the x values drawn as their base-10 logarithms on a linear scale and
   * labelled as powers of ten, since uPlot's log scale loses its range and ticks on an axis that reaches past 1e21,
   * as FLOP budgets do.
   */
  function plot(id, series, axes) {
    const container = $(id);
    const log10X = axes.x === 'log10';
    const drawn = log10X ? series.map((s) => ({ ...s, points: s.points.map(([x, y]) => [Math.log10(x), y]) }))
      : series;
    const options = {
      width: Math.max(480, Math.min(1100, container.clientWidth || 900)),
      height: axes.height,
      scales: { x: { time: false, distr: axes.x === 'log' ? 3 : 1 }, y: { distr: axes.y === 'log' ? 3 : 1 } },
      axes: [xAxis(axes), { label: axes.yLabel, values: (u, splits) => splits.map(tick), size: 70 }],
      series: [{ label: axes.xLabel }, ...series.map(uplotSeries)],
      legend: { live: false },
    };
    if (state.charts[id]) {
      state.charts[id].destroy();
    }
    state.charts[id] = new uPlot(options, aligned(drawn), container);
    container.dataset.series = String(series.length);
    return container;
  }

  function xAxis(axes) {
    switch (axes.x) {
      case 'log10': return { label: axes.xLabel, values: (u, splits) => splits.map((v) => '1e+' + v),
        splits: (u, i, min, max) => decadeExponents(min, max) || [min, max] };
      case 'log': return { label: axes.xLabel, values: (u, splits) => splits.map(tick), splits: decades };
      // Law versions: whole numbers only.
      case 'versions': return { label: axes.xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] };
      default: return { label: axes.xLabel };
    }
  }

  function draw(curve) {
    const container = plot('loss-chart', seriesOf(curve), { xLabel: 'tokens D', yLabel: 'loss', height: 460, x: 'log',
      y: 'log' });
    container.dataset.observed = String(curve.observed.length);
    container.dataset.curves = String(curve.curves.length);
    container.dataset.family = curve.family;
    container.dataset.version = String(curve.version);
  }

  /** A line with, when every point has them, its dashed 95% band from the points' lower and upper ends. */
  function withBand(label, color, points, [x, value, lower, upper]) {
    const out = [{ label, color, kind: 'line', points: points.map((p) => [p[x], p[value]]) }];
    if (points.length && points.every((p) => p[lower] !== null && p[lower] !== undefined)) {
      out.push({ label: label + ' 95% low', color, kind: 'band', points: points.map((p) => [p[x], p[lower]]) });
      out.push({ label: label + ' 95% high', color, kind: 'band', points: points.map((p) => [p[x], p[upper]]) });
    }
    return out;
  }

  /** N* and D* against C; and the loss against C at the split, by the frontier law and as observed. */
  function drawOptimal(o) {
    state.optimal = o;
    const split = withBand('N*', PALETTE[0], o.points, ['flops', 'params', 'paramsLower', 'paramsUpper'])
      .concat(withBand('D*', PALETTE[5], o.points, ['flops', 'tokens', 'tokensLower', 'tokensUpper']));
    const optimal = plot('optimal-chart', split, { ...FLOP_AXES, yLabel: 'N*, D*' });
    optimal.dataset.family = o.family;
    optimal.dataset.version = String(o.version);
    optimal.dataset.budgets = String(o.points.length);
    let losses = withBand('compute-optimal loss', PALETTE[0], o.points, ['flops', 'loss', 'lossLower', 'lossUpper']);
    if (o.frontierVersion !== null) {
      losses = losses.concat(withBand('frontier power law v' + o.frontierVersion, PALETTE[2],
        o.points.filter((p) => p.frontierLoss !== null), ['flops', 'frontierLoss', 'frontierLower', 'frontierUpper']));
    }
    const fitted = o.observed.filter((p) => p.fitted).map((p) => [p.flops, p.loss]);
    const cut = o.observed.filter((p) => !p.fitted).map((p) => [p.flops, p.loss]);
    if (fitted.length) {
      losses.push({ label: 'checkpoints fitted', color: PALETTE[6], kind: 'points', points: fitted });
    }
    if (cut.length) {
      losses.push({ label: 'checkpoints cut', color: PALETTE[6], kind: 'hollow', points: cut });
    }
    const budget = plot('budget-chart', losses, { ...FLOP_AXES, yLabel: 'loss' });
    budget.dataset.observed = String(o.observed.length);
    budget.dataset.frontier = o.frontierVersion === null ? 'none' : String(o.frontierVersion);
    renderTable('optimal-numbers', 'optimal-table', optimalNumbers(o));
  }

  /**
   * Each parameter over the versions as a ratio to its newest value, with its 95% interval, on a log scale (the
   * ends of a poorly pinned parameter's interval lie decades apart); and each interval's width relative to its
   * value. Versions without figures (skipped, failed) are in the table only.
   */
  function drawHistory(history) {
    state.history = history;
    const versions = history.filter((e) => e.figures).reverse();
    const newest = versions.length ? versions[versions.length - 1] : null;
    const names = newest ? Object.keys(newest.figures.params).filter((n) => newest.figures.params[n] !== 0) : [];
    const ratios = [];
    const widths = [];
    names.forEach((name, i) => {
      const color = PALETTE[i % PALETTE.length];
      const scale = newest.figures.params[name];
      const shown = versions.filter((e) => name in e.figures.params);
      // A log scale: a ratio or band end at or below zero (an interval across zero) is left out.
      const series = (label, kind, value) => ({ label: name + label, color, kind, points: shown
        .map((e) => [e.version, value(e.figures.params[name], e.figures.intervals[name])])
        .filter(([, y]) => y !== null && y > 0) });
      ratios.push(series('', 'marked', (v) => v / scale));
      if (shown.some((e) => e.figures.intervals[name])) {
        ratios.push(series(' 95% low', 'marked band', (v, r) => (r ? r.lower / scale : null)));
        ratios.push(series(' 95% high', 'marked band', (v, r) => (r ? r.upper / scale : null)));
        widths.push(series(' 95% width', 'marked', (v, r) => (r ? (r.upper - r.lower) / Math.abs(v) : null)));
      }
    });
    const chart = plot('history-chart', ratios, { xLabel: 'law version', yLabel: '÷ newest value', height: 320,
      x: 'versions', y: 'log' });
    chart.dataset.family = state.family;
    chart.dataset.versions = String(versions.length);
    chart.dataset.newest = newest ? String(newest.version) : 'none';
    plot('width-chart', widths, { xLabel: 'law version', yLabel: '95% width ÷ value', height: 280,
      x: 'versions', y: 'log' });
    const table = historyNumbers(history, names);
    renderTable('history-numbers', 'history-table', table.rows, table.header);
    $('history-status').textContent = versions.length ? versions.length + ' published version'
      + (versions.length > 1 ? 's' : '') + ' of ' + history.length + ' fits shown, v' + versions[0].version + ' to v'
      + newest.version + '.' : 'No published version yet.';
  }

  function historyNumbers(history, names) {
    const header = ['version', 'status', 'fitted at', 'points', 'fitted points', 'runs', 'sizes', 'max N', 'max D',
      'newest point', 'back-test ARE'].concat(names.flatMap((n) => [n, n + ' lower', n + ' upper']), ['reason']);
    const rows = history.map((e) => {
      const f = e.figures;
      const w = f ? f.watermark : {};
      const params = names.flatMap((n) => {
        const range = f && f.intervals[n];
        return [f ? blank(f.params[n]) : '', range ? range.lower : '', range ? range.upper : ''];
      });
      return [e.version, e.status, e.fittedAt, blank(w.points), blank(w.pointsFitted), blank(w.runs), blank(w.sizes), blank(w.maxParams),
        blank(w.maxTokens), blank(w.newestIngestedAt), f ? blank(f.backtestAre) : ''].concat(params, [blank(e.reason)]);
    });
    return { header, rows };
  }

  function downloadHistoryCsv() {
    if (state.history) {
      const names = Object.keys((state.history.find((e) => e.figures) || { figures: { params: {} } }).figures.params);
      const table = historyNumbers(state.history, names);
      saveCsv(state.family + '-' + state.law + '-history.csv', table.header.map((h) => h.replace(/ /g, '_')),
        table.rows);
    }
  }

  function clearDownstream(message) {
    state.downstream = null;
    if (state.charts['downstream-chart']) {
      state.charts['downstream-chart'].destroy();
      delete state.charts['downstream-chart'];
    }
    $('benchmark').replaceChildren();
    $('downstream-map').textContent = '';
    $('downstream-status').textContent = message;
  }

  function renderBenchmarks(maps) {
    const select = $('benchmark');
    const names = maps.maps.map((m) => m.benchmark);
    const chosen = names.includes(state.benchmark) ? state.benchmark : names[0];
    state.benchmark = chosen;
    select.replaceChildren(...names.map((b) => new Option(b, b, b === chosen, b === chosen)));
    const unreliable = maps.maps.filter((m) => !m.reliable).length;
    $('downstream-status').textContent = names.length + ' map' + (names.length > 1 ? 's' : '') + ' ('
      + unreliable + ' unreliable), chained from the ' + maps.law + ' law.';
  }

  /** The chosen benchmark's models, map and band, the error of guessing, and the chained target. */
  function drawDownstream() {
    const m = state.downstream.maps.find((v) => v.benchmark === state.benchmark);
    const series = [];
    const measured = m.models.filter((p) => !p.lossFromLaw).map((p) => [p.loss, p.error]);
    const filled = m.models.filter((p) => p.lossFromLaw).map((p) => [p.loss, p.error]);
    if (measured.length) {
      series.push({ label: 'models', color: PALETTE[0], kind: 'points', points: measured });
    }
    if (filled.length) {
      series.push({ label: 'models, loss from the law', color: PALETTE[0], kind: 'hollow', points: filled });
    }
    series.push(...withBand(m.form + ' map v' + m.version, PALETTE[5], m.curve, ['loss', 'error', 'lower', 'upper']));
    const ends = m.curve.length ? [m.curve[0].loss, m.curve[m.curve.length - 1].loss] : [];
    if (m.chance !== null && ends.length) {
      series.push({ label: 'chance', color: PALETTE[6], kind: 'band', points: ends.map((x) => [x, 1 - m.chance]) });
    }
    const t = m.target;
    if (t) {
      series.push({ label: 'prediction at the target', color: PALETTE[2], kind: 'marked',
        points: [[t.loss.loss, t.error]] });
      if (t.interval) {
        series.push({ label: 'prediction 95% interval', color: PALETTE[2], kind: 'marked band',
          points: [[t.loss.loss, t.interval.lower], [t.loss.loss, t.interval.upper]] });
      }
    }
    const chart = plot('downstream-chart', series, { xLabel: 'loss', yLabel: m.metric, height: 360, x: 'linear',
      y: 'linear' });
    chart.dataset.family = state.downstream.family;
    chart.dataset.benchmark = m.benchmark;
    chart.dataset.version = String(m.version);
    chart.dataset.models = String(m.models.length);
    chart.dataset.target = t ? String(t.error) : 'none';
    $('downstream-map').textContent = mapSentence(m);
    const table = downstreamNumbers(state.downstream);
    renderTable('downstream-numbers', 'downstream-table', table.rows, table.header);
  }

  function mapSentence(m) {
    const held = m.heldOut ? ' Held out ' + m.heldOut.run + ': exponential ' + (m.heldOut.exponentialError === null
      ? '—' : percent(m.heldOut.exponentialError)) + ', sigmoid ' + (m.heldOut.sigmoidError === null ? '—'
      : percent(m.heldOut.sigmoidError)) + ' relative error.' : '';
    const chance = m.chance === null ? 'chance unknown' : 'chance accuracy ' + format(m.chance);
    const trust = m.reliable ? ' Nothing argues against this map.' : ' Unreliable: ' + m.reasons.join('; ') + '.';
    const t = m.target;
    const target = t ? ' At N = ' + format(t.loss.params) + ', D = ' + format(t.loss.tokens) + ': loss '
      + format(t.loss.loss) + ' → ' + m.metric + ' ' + format(t.error) + (t.interval ? ' [' + format(t.interval.lower)
      + ', ' + format(t.interval.upper) + '] (95%)' : '') + ', accuracy ' + format(t.accuracy) + '.'
      + (t.reliable ? '' : ' This prediction is unreliable: ' + t.reasons.join('; ') + '.')
      : m.targetRefused ? ' No prediction at the target: ' + m.targetRefused : '';
    return m.benchmark + ': ' + m.form + ' map v' + m.version + ' on ' + m.models.length + ' models (' + chance
      + ').' + held + trust + target;
  }

  function downstreamNumbers(maps) {
    const header = ['benchmark', 'form', 'version', 'models', 'chance', 'reliable', 'target loss', 'target error',
      'lower', 'upper', 'reasons'];
    const rows = maps.maps.map((m) => {
      const t = m.target;
      return [m.benchmark, m.form, m.version, m.models.length, blank(m.chance), m.reliable ? 'yes' : 'no',
        t ? t.loss.loss : '', t ? t.error : '', t && t.interval ? t.interval.lower : '',
        t && t.interval ? t.interval.upper : '', m.reasons.join('; ')];
    });
    return { header, rows };
  }

  function downloadDownstreamCsv() {
    if (state.downstream) {
      const table = downstreamNumbers(state.downstream);
      const m = state.downstream.maps.find((x) => x.benchmark === state.benchmark);
      const curve = m.curve.map((p) => [m.benchmark + ' map', p.loss, p.error, blank(p.lower), blank(p.upper)])
        .concat(m.models.map((p) => [m.benchmark + ' model ' + p.run + '@' + p.step, p.loss, p.error, '', '']));
      saveCsv(state.family + '-downstream.csv', table.header.map((h) => h.replace(/ /g, '_')), table.rows);
      saveCsv(state.family + '-' + m.benchmark + '-map.csv', ['series', 'loss', 'error', 'lower', 'upper'], curve);
    }
  }

  function optimalNumbers(o) {
    return o.points.map((p) => [p.flops, p.params, blank(p.paramsLower), blank(p.paramsUpper), p.tokens, blank(p.tokensLower),
      blank(p.tokensUpper), p.loss, blank(p.lossLower), blank(p.lossUpper), blank(p.frontierLoss), blank(p.frontierLower),
      blank(p.frontierUpper)]);
  }

  function renderNumbers(curve) {
    renderTable('numbers', 'numbers-table', numbers(curve));
  }

  /** The first rows in the table, and how many there are in its details' summary. */
  function renderTable(detailsId, tableId, rows, header) {
    if (header) {
      const head = document.createElement('tr');
      head.append(...header.map((h) => {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = h;
        return th;
      }));
      $(tableId).tHead.replaceChildren(head);
    }
    const body = $(tableId).tBodies[0];
    body.replaceChildren(...rows.slice(0, TABLE_ROWS).map((r) => {
      const tr = document.createElement('tr');
      tr.append(...r.map((v) => cell(typeof v === 'number' ? format(v) : v, typeof v === 'number' ? 'num' : null)));
      return tr;
    }));
    $(detailsId).querySelector('summary').textContent = 'Show the numbers (' + rows.length + ' rows'
      + (rows.length > TABLE_ROWS ? ', the first ' + TABLE_ROWS + ' here, all in the CSV' : '') + ')';
  }

  function numbers(curve) {
    const rows = curve.curves.flatMap((c) => c.points.map((p) => ['law', c.params, p.tokens, p.loss,
      p.lower === null ? '' : p.lower, p.upper === null ? '' : p.upper]));
    return rows.concat(curve.observed.map((p) => [(p.fitted ? 'fitted ' : 'cut ') + p.run, p.params, p.tokens,
      p.loss, '', '']));
  }

  function downloadCsv() {
    const curve = state.curve;
    if (curve) {
      saveCsv(curve.family + '-' + curve.law + '-v' + curve.version + '.csv',
        ['series', 'params', 'tokens', 'loss', 'lower', 'upper'], numbers(curve));
    }
  }

  function downloadOptimalCsv() {
    const o = state.optimal;
    if (o) {
      saveCsv(o.family + '-' + o.law + '-v' + o.version + '-compute-optimal.csv', ['flops', 'params', 'params_lower',
        'params_upper', 'tokens', 'tokens_lower', 'tokens_upper', 'loss', 'loss_lower', 'loss_upper',
        'frontier_loss', 'frontier_lower', 'frontier_upper'], optimalNumbers(o));
    }
  }

  function saveCsv(name, header, rows) {
    const quote = (v) => (typeof v === 'string' && /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v);
    const lines = [header].concat(rows).map((r) => r.map(quote).join(','));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
    link.download = name;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  function renderLaw(law) {
    const body = $('params').tBodies[0];
    if (!law) {
      body.replaceChildren();
      return;
    }
    body.replaceChildren(...Object.entries(law.params).map(([name, value]) => {
      const range = law.intervals && law.intervals[name];
      const tr = document.createElement('tr');
      tr.append(cell(name), cell(format(value), 'num'),
        cell(range ? '[' + format(range.lower) + ', ' + format(range.upper) + ']' : '—', 'num'));
      return tr;
    }));
    const b = law.backtest;
    $('backtest').textContent = b ? 'Back-test on ' + b.targetRun + ': ARE ' + percent(b.are) + ' (baselines: best loss '
      + percent(b.bestLossBaseline) + ', most trained ' + percent(b.mostTrainedBaseline) + ')' : 'No back-test yet.';
    $('family-warnings').textContent = (law.diagnostics.warnings || []).join(' ');
  }

  /**
   * Powers of ten across a log axis, every k-th so that at most ten show: uPlot's own splits vanish on an axis that
   * reaches past 1e21, as FLOP budgets do.
   */
  function decades(u, axis, min, max) {
    const exponents = decadeExponents(Math.log10(min), Math.log10(max));
    return exponents ? exponents.map((e) => Math.pow(10, e)) : [min, max];
  }

  /** The whole exponents from lo to hi, every k-th so that at most ten; null when fewer than two fit. */
  function decadeExponents(lo, hi) {
    const first = Math.ceil(lo);
    const last = Math.floor(hi);
    if (!(last > first)) {
      return null;
    }
    const every = Math.ceil((last - first + 1) / 10);
    const out = [];
    for (let e = first; e <= last; e += every) {
      out.push(e);
    }
    return out;
  }

  /** A table or CSV cell for a value that may be absent. */
  function blank(x) {
    return x === null || x === undefined ? '' : x;
  }

  /** A token axis label: 1e+9 rather than 1,000,000,000. */
  function tick(v) {
    return v === null ? '' : v >= 1e4 ? Number(v.toPrecision(2)).toExponential() : String(v);
  }

  function format(v) {
    return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(+v.toPrecision(5));
  }

  function percent(v) {
    return (100 * v).toFixed(2) + '%';
  }

  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('api-key').value.trim());
  });
  $('sign-out').addEventListener('click', () => signOut(''));
  $('family-filter').addEventListener('input', renderFamilies);
  $('law').addEventListener('change', () => {
    location.hash = '#/family/' + encodeURIComponent(state.family) + '?law=' + encodeURIComponent($('law').value);
  });
  $('download-csv').addEventListener('click', downloadCsv);
  $('download-optimal-csv').addEventListener('click', downloadOptimalCsv);
  $('download-history-csv').addEventListener('click', downloadHistoryCsv);
  $('download-downstream-csv').addEventListener('click', downloadDownstreamCsv);
  $('download-run-csv').addEventListener('click', downloadRunCsv);
  $('run').addEventListener('change', () => {
    state.run = $('run').value;
    state.whatIf = null;
    state.whatIfAnswer = null;
    $('whatif-status').textContent = '';
    loadRuns(state.family);
  });
  $('whatif-form').addEventListener('submit', askWhatIf);
  $('whatif-clear').addEventListener('click', () => {
    $('whatif').value = '';
    state.whatIf = null;
    state.whatIfAnswer = null;
    $('whatif-status').textContent = '';
    if (state.runForecast) {
      drawRun();
    }
  });
  $('benchmark').addEventListener('change', () => {
    state.benchmark = $('benchmark').value;
    drawDownstream();
  });
  $('predict-form').addEventListener('submit', predict);
  $('next-runs-form').addEventListener('submit', nextRuns);
  $('compare-form').addEventListener('submit', compare);
  $('optimal-form').addEventListener('submit', computeOptimal);
  window.addEventListener('hashchange', route);

  if (sessionStorage.getItem(KEY)) {
    signIn(sessionStorage.getItem(KEY));
  } else {
    show('signin-view');
  }
})();
