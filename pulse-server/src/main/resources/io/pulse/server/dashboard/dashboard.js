// The Pulse dashboard: one page, seven views, each drawn from the /api routes of the same server.
// Figures a person reads carry data-figure="name" so the browser test can check them against the API.
(function () {
  'use strict';

  var page = document.getElementById('page');
  var charts = [];
  var cleanups = [];

  // ---- formatting: the browser test formats the API's values the same way ----
  function esc(v) {
    return String(v == null ? '' : v).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  function count(n) { return n == null ? 'n/a' : Math.round(n).toLocaleString('en-US'); }
  function pct(v) { return v == null ? 'n/a' : (v * 100).toFixed(1) + '%'; }
  function fixed(v, d) { return v == null ? 'n/a' : Number(v).toFixed(d); }
  function signedPct(v) { return v == null ? 'n/a' : (v >= 0 ? '+' : '') + (v * 100).toFixed(1) + ' pts'; }
  function fig(name, text) { return '<span data-figure="' + esc(name) + '">' + esc(text) + '</span>'; }
  function card(label, name, text, note) {
    return '<div class="card"><div class="label">' + esc(label) + '</div><div class="value">' + fig(name, text) +
      '</div>' + (note ? '<div class="note">' + note + '</div>' : '') + '</div>';
  }
  function cell(v) {
    if (typeof v === 'number') {
      return '<td class="n">' + esc(Number.isInteger(v) ? count(v) : fixed(v, 3)) + '</td>';
    }
    if (v !== null && typeof v === 'object') { return '<td>' + esc(JSON.stringify(v)) + '</td>'; }
    return '<td>' + esc(v) + '</td>';
  }
  // columns: [key, header, render?]; render returns the cell's HTML.
  function table(rows, columns, rowClass) {
    if (!rows || !rows.length) { return '<p class="muted">No rows.</p>'; }
    columns = columns || Object.keys(rows[0]).map(function (k) { return [k, k]; });
    return '<div class="scroll"><table><thead><tr>' + columns.map(function (c) {
      return '<th>' + esc(c[1]) + '</th>';
    }).join('') + '</tr></thead><tbody>' + rows.map(function (r, i) {
      var cls = rowClass ? rowClass(r, i) : '';
      return '<tr' + (cls ? ' class="' + cls + '"' : '') + '>' + columns.map(function (c) {
        return c[2] ? c[2](r, i) : cell(r[c[0]]);
      }).join('') + '</tr>';
    }).join('') + '</tbody></table></div>';
  }
  function num(text, figure) { return '<td class="n"' + (figure ? ' data-figure="' + esc(figure) + '"' : '') + '>' + esc(text) + '</td>'; }
  function userLink(id) { return '<a class="user" href="#/profile/' + encodeURIComponent(id) + '">' + esc(id) + '</a>'; }

  // ---- the API ----
  function token() { return sessionStorage.getItem('pulse.token') || ''; }
  function headers() { var t = token(); return t ? {'Authorization': 'Bearer ' + t} : {}; }
  function api(path, options) {
    options = options || {};
    options.headers = Object.assign(headers(), options.headers || {});
    return fetch(path, options).then(function (r) {
      return r.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = {code: 'bad_json', message: text}; }
        return {status: r.status, ok: r.ok, body: body};
      });
    });
  }
  // The body of a 200, or null after saying in el why there is none (analysis not run, token needed, ...).
  function explain(res, el) {
    if (res.ok) { return res.body; }
    var b = res.body || {};
    var html;
    if (res.status === 404 && b.code === 'not_computed') {
      html = '<p class="missing">Not computed yet. ' + esc(b.message) + '</p>';
    } else if (res.status === 401) {
      html = '<p class="error">This server wants a token for reads: press <b>Token</b> above.</p>';
    } else {
      html = '<p class="error">' + esc(res.status + ' ' + (b.code || '') + ': ' + (b.message || '')) + '</p>';
    }
    if (el) { el.innerHTML = html; }
    return null;
  }

  // ---- charts ----
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el || typeof echarts === 'undefined') { return null; }
    var c = echarts.init(el);
    option.animation = false;
    c.setOption(option);
    charts.push(c);
    return c;
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  // Error bars for [category index, low, high] triples, drawn over bars or points.
  // offset: where in its category the bar sits, as a fraction of the category's width (grouped bars).
  function errorBars(data, name, offset) {
    return {
      type: 'custom', name: name, z: 10, tooltip: {show: false},
      renderItem: function (params, api) {
        var x = api.value(0), lo = api.coord([x, api.value(1)]), hi = api.coord([x, api.value(2)]);
        var shift = api.size([1, 0])[0] * (offset || 0);
        var w = api.size([1, 0])[0] * 0.08;
        var style = {stroke: '#333', lineWidth: 1.2};
        return {type: 'group', children: [
          {type: 'line', shape: {x1: lo[0] + shift, y1: lo[1], x2: hi[0] + shift, y2: hi[1]}, style: style},
          {type: 'line', shape: {x1: lo[0] + shift - w, y1: lo[1], x2: lo[0] + shift + w, y2: lo[1]}, style: style},
          {type: 'line', shape: {x1: hi[0] + shift - w, y1: hi[1], x2: hi[0] + shift + w, y2: hi[1]}, style: style}]};
      },
      data: data
    };
  }

  function panel(title, body, id) {
    return '<section class="panel"' + (id ? ' id="' + id + '"' : '') + '><h2>' + esc(title) + '</h2>' + (body || '') + '</section>';
  }

  // ---- Overview ----
  function overview() {
    page.innerHTML = '<h1>Overview</h1><div id="ov-cards" class="cards"></div><div id="ov-body"></div>';
    return api('/api/overview').then(function (res) {
      var a = explain(res, document.getElementById('ov-body'));
      if (!a) { return; }
      document.getElementById('ov-cards').innerHTML =
        card('Active rate', 'active-rate', pct(a.active_rate), 'monthly, ' + esc(a.position) + ' the band') +
        card('Benchmark band', 'band', pct(a.band.low) + '–' + pct(a.band.high), 'industry range for the definition') +
        card('Known customers', 'users', count(a.users), esc(a.from) + ' .. ' + esc(a.to)) +
        card('Stickiness (DAU/MAU)', 'stickiness', pct(a.stickiness), 'how many days a monthly user shows up');
      var done = Object.keys(a.analyses || {}).map(function (k) {
        return '<span class="chip" data-analysis="' + esc(k) + '">' + (a.analyses[k] ? '✓ ' : '– ') + esc(k) + '</span>';
      }).join(' ');
      document.getElementById('ov-body').innerHTML =
        panel('Verdict', '<p class="verdict" data-figure="verdict">' + esc(a.verdict) + '</p><p class="muted">Active means: ' +
          esc(a.definition.text) + '</p>') +
        '<div class="grid">' +
        panel('Active rate by month against the benchmark band', '<div class="chart" id="ov-months"></div>') +
        panel('DAU / WAU / MAU', '<div class="chart" id="ov-trend"></div>') +
        panel('Weekly retention by signup cohort', '<div class="chart tall" id="ov-retention"></div>') +
        panel('Lifecycle by month', '<div class="chart tall" id="ov-lifecycle"></div>') +
        '</div>' + panel('Analyses in the store', '<p>' + done + '</p>');
      var months = a.months || [];
      chart('ov-months', {
        tooltip: {trigger: 'axis', valueFormatter: function (v) { return pct(v); }},
        grid: {left: 50, right: 20, top: 20, bottom: 30},
        xAxis: {type: 'category', data: months.map(function (m) { return m.period; })},
        yAxis: {type: 'value', min: 0, axisLabel: {formatter: function (v) { return (v * 100).toFixed(0) + '%'; }}},
        series: [{name: 'active rate', type: 'line', data: months.map(function (m) { return m.active_rate; }),
          markArea: {itemStyle: {color: 'rgba(47,111,222,0.12)'}, label: {show: true, position: 'insideTopLeft', formatter: 'benchmark band'},
            data: [[{yAxis: a.band.low}, {yAxis: a.band.high}]]}}]
      });
      var trend = a.trend || [];
      chart('ov-trend', {
        tooltip: {trigger: 'axis'}, legend: {data: ['DAU', 'WAU', 'MAU']},
        grid: {left: 55, right: 20, top: 30, bottom: 60},
        dataZoom: [{type: 'inside'}, {type: 'slider', height: 18, bottom: 8}],
        xAxis: {type: 'category', data: trend.map(function (t) { return t.date; })}, yAxis: {type: 'value'},
        series: ['dau', 'wau', 'mau'].map(function (k) {
          return {name: k.toUpperCase(), type: 'line', showSymbol: false, data: trend.map(function (t) { return t[k]; })};
        })
      });
      var cohorts = (a.retention && a.retention.cohorts) || [];
      var weeks = (a.retention && a.retention.max_weeks) || 0;
      var cells = [], top = 0;
      cohorts.forEach(function (c, y) {
        (c.rates || []).forEach(function (r, x) {
          if (r != null) { cells.push([x, y, Number(r.toFixed(4))]); if (x > 0) { top = Math.max(top, r); } }
        });
      });
      chart('ov-retention', {
        tooltip: {formatter: function (p) { return esc(cohorts[p.data[1]].week) + ', week ' + p.data[0] + ': ' + pct(p.data[2]); }},
        grid: {left: 75, right: 20, top: 10, bottom: 85},
        xAxis: {type: 'category', name: 'weeks since first activity', nameLocation: 'middle', nameGap: 25,
          data: Array.from({length: weeks + 1}, function (_, i) { return String(i); })},
        yAxis: {type: 'category', inverse: true, data: cohorts.map(function (c) { return c.week; }),
          axisLabel: {fontSize: 9, interval: Math.max(0, Math.ceil(cohorts.length / 20) - 1)}},
        // Week 0 is 100% by definition; the scale is set by the later weeks, where cohorts differ.
        visualMap: {min: 0, max: top || 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
          inRange: {color: ['#f7fbff', '#6baed6', '#08306b']}, formatter: function (v) { return pct(v); }},
        series: [{type: 'heatmap', data: cells}]
      });
      var life = a.lifecycle || [];
      var kinds = [['new', 1], ['returning', 1], ['resurrecting', 1], ['dormant', -1], ['lapsed', -1]];
      chart('ov-lifecycle', {
        tooltip: {trigger: 'axis', valueFormatter: function (v) { return count(Math.abs(v)); }},
        legend: {data: kinds.map(function (k) { return k[0]; })}, grid: {left: 60, right: 20, top: 35, bottom: 30},
        xAxis: {type: 'category', data: life.map(function (l) { return l.period; })}, yAxis: {type: 'value'},
        series: kinds.map(function (k) {
          return {name: k[0], type: 'bar', stack: k[1] > 0 ? 'in' : 'out',
            data: life.map(function (l) { return k[1] * (l[k[0]] || 0); })};
        })
      });
    });
  }

  // ---- Segments ----
  function segments() {
    page.innerHTML = '<h1>Segments and hidden value</h1><div id="sg-cards" class="cards"></div><div id="sg-body"></div>';
    return api('/api/segments').then(function (res) {
      var d = explain(res, document.getElementById('sg-body'));
      if (!d) { return; }
      var segs = d.segments || [], opps = d.opportunities || [];
      var hot = {};
      opps.forEach(function (o) { hot[o.segment_id] = o; });
      var top = opps[0];
      document.getElementById('sg-cards').innerHTML =
        card('Segments', 'segments-count', count(segs.length), 'clusters k=' + esc(d.run && d.run.k) + ', value groups, RFM cells') +
        card('Hidden-value opportunities', 'opportunities-count', count(opps.length), 'ordinary-looking, valuable') +
        (top ? card('Top opportunity', 'opportunity-1-name', top.name, fig('opportunity-1-size', count(top.size)) + ' users') +
          card('Revenue at stake', 'opportunity-1-revenue', count(top.revenue_at_stake), 'top opportunity, next 12 months') : '');
      document.getElementById('sg-body').innerHTML =
        panel('Segments: share of users vs value per user (bubble = customer value; opportunities in red)',
          '<div class="chart tall" id="sg-bubble"></div>') +
        panel('Hidden-value opportunities', table(opps, [['rank', '#'], ['name', 'segment', function (o) {
          return '<td data-figure="opportunity-' + o.rank + '-segment">' + esc(o.name) + ' <span class="muted">(' + esc(o.segment_id) + ')</span></td>';
        }], ['size', 'users', function (o) { return num(count(o.size)); }],
          ['revenue_at_stake', 'revenue at stake', function (o) { return num(count(o.revenue_at_stake)); }],
          ['strength', 'strength', function (o) { return num(fixed(o.strength, 2)); }],
          ['action', 'action'], ['evidence', 'evidence']])) +
        panel('Every segment (click a row for its members)', '<div id="sg-all">' + table(segs, [['segment_id', 'id'], ['kind', 'kind'], ['name', 'name'],
          ['size', 'users', function (s) { return num(count(s.size)); }],
          ['user_share', 'users %', function (s) { return num(pct(s.user_share)); }],
          ['revenue_share', 'revenue %', function (s) { return num(pct(s.revenue_share)); }],
          ['clv_total', 'CLV total', function (s) { return num(count(s.clv_total)); }]],
          function (s) { return hot[s.segment_id] ? 'hot' : ''; }) + '</div>') +
        '<div id="sg-members"></div>';
      document.querySelectorAll('#sg-all tbody tr').forEach(function (tr, i) {
        tr.style.cursor = 'pointer';
        tr.addEventListener('click', function () { members(segs[i]); });
      });
      var kinds = {};
      segs.forEach(function (s) { (kinds[s.kind] = kinds[s.kind] || []).push(s); });
      var maxClv = Math.max.apply(null, segs.map(function (s) { return s.clv_total || 0; }).concat([1]));
      var colors = {cluster: '#2f6fde', value: '#7048e8', rfm: '#94a3b8'};
      chart('sg-bubble', {
        tooltip: {formatter: function (p) {
          var s = p.data.segment;
          return esc(s.name) + ' (' + esc(s.segment_id) + ')<br>' + count(s.size) + ' users, ' + pct(s.user_share) +
            ' of users, ' + pct(s.revenue_share) + ' of revenue' + (hot[s.segment_id] ? '<br><b>' + esc(hot[s.segment_id].evidence) + '</b>' : '');
        }},
        legend: {data: Object.keys(kinds)}, grid: {left: 60, right: 30, top: 35, bottom: 45},
        xAxis: {type: 'value', name: 'share of users', nameLocation: 'middle', nameGap: 28,
          axisLabel: {formatter: function (v) { return (v * 100).toFixed(0) + '%'; }}},
        yAxis: {type: 'value', name: 'revenue share ÷ user share', nameLocation: 'middle', nameGap: 40},
        series: Object.keys(kinds).map(function (k) {
          return {name: k, type: 'scatter', itemStyle: {color: colors[k] || '#888', opacity: 0.75},
            data: kinds[k].map(function (s) {
              var item = {value: [s.user_share || 0, s.user_share ? (s.revenue_share || 0) / s.user_share : 0],
                symbolSize: 8 + 50 * Math.sqrt((s.clv_total || 0) / maxClv), segment: s};
              if (hot[s.segment_id]) {
                item.itemStyle = {color: '#d9480f', borderColor: '#7a1f00', borderWidth: 2, opacity: 0.9};
                item.label = {show: true, position: hot[s.segment_id].rank % 2 ? 'right' : 'bottom',
                  formatter: '★ ' + s.name, color: '#7a1f00'};
              }
              return item;
            })};
        })
      });
    });
  }
  function members(s) {
    var el = document.getElementById('sg-members');
    el.innerHTML = panel('Members of ' + s.name, '<p class="muted">Loading…</p>');
    api('/api/segments/' + encodeURIComponent(s.segment_id) + '/members?limit=50').then(function (res) {
      var m = explain(res, el);
      if (!m) { return; }
      var ids = (m.members || []).map(function (r) { return typeof r === 'string' ? r : r.user_id; });
      el.innerHTML = panel('Members of ' + s.name + ' (' + count(m.total) + '; the first ' + ids.length + ')',
        '<p>' + ids.map(userLink).join(' · ') + '</p>');
      el.scrollIntoView();
    });
  }

  // ---- Profile ----
  function profile(id) {
    page.innerHTML = '<h1>Customer profile</h1><form class="inline" id="pf-form"><input id="pf-id" placeholder="user id, e.g. u000018" ' +
      'maxlength="256" value="' + esc(id || '') + '"><button type="submit">Look up</button></form><div id="pf-body"></div>';
    document.getElementById('pf-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var v = document.getElementById('pf-id').value.trim();
      if (v) { location.hash = '#/profile/' + encodeURIComponent(v); }
    });
    var body = document.getElementById('pf-body');
    if (!id) {
      return api('/api/thresholds?beyond=true&limit=25').then(function (res) {
        var t = explain(res, null);
        if (!t) { body.innerHTML = '<p class="muted">Type a user id.</p>'; return; }
        body.innerHTML = panel('Worth a nudge today: beyond their own dormancy threshold, the most recently crossed first',
          table(t.rows, [
          ['user_id', 'user', function (r) { return '<td>' + userLink(r.user_id) + '</td>'; }], ['segment', 'segment'],
          ['days_since_last_active', 'days silent', function (r) { return num(count(r.days_since_last_active)); }],
          ['dormancy_threshold_days', 'their threshold (days)', function (r) { return num(fixed(r.dormancy_threshold_days, 1)); }],
          ['reason', 'why']]));
      });
    }
    return api('/api/users/' + encodeURIComponent(id)).then(function (res) {
      var u = explain(res, body);
      if (!u) { return; }
      var f = u.features || {}, th = u.thresholds || {}, p = (u.p_active || [])[0], clv = (u.clv || [])[0];
      var clvValue = clv ? clv.clv : null;
      body.innerHTML = '<div class="cards">' +
        card('User', 'profile-user', u.user_id, u.segment ? 'segment ' + esc(u.segment.cluster) : '') +
        card('Events', 'profile-events', count(f.events), count(f.sessions) + ' sessions, ' + count(f.active_days) + ' active days') +
        card('Purchases', 'profile-purchases', count(f.purchases), 'revenue ' + fixed(f.revenue, 2)) +
        card('Days since last event', 'profile-recency', count(f.recency_days), 'last ' + esc(f.last_event)) +
        card('P(active next ' + (p ? p.horizon_days : 30) + ' d)', 'profile-p-active', p ? fixed(p.probability, 3) : 'n/a',
          p ? esc(p.model) + ', rank ' + count(p.rank) : 'run pulse predict') +
        card('Dormancy threshold', 'profile-threshold', th.dormancy_threshold_days != null ? fixed(th.dormancy_threshold_days, 1) + ' d' : 'n/a',
          th.beyond_threshold ? '<b>beyond it</b>' : (th.segment ? 'within it' : 'run pulse thresholds')) +
        card('Customer value (CLV)', 'profile-clv', clvValue != null ? fixed(clvValue, 2) : 'n/a', clv ? esc(clv.model) +
          ', P(alive) ' + fixed(clv.p_alive, 2) : 'no purchase yet, or run pulse clv') +
        '</div><div class="grid">' +
        panel('Why act (or not)', '<p data-figure="profile-reason">' + esc(th.reason || 'No threshold computed.') + '</p>') +
        panel('Tags (version ' + u.tag_version + ')', '<p data-figure="profile-tags">' + (u.tags || []).map(function (t) {
          return '<span class="chip">' + esc(t) + '</span>'; }).join('') + '</p>') +
        panel('Attributes', kv(u.attributes)) + panel('Segment', kv(u.segment)) +
        panel('Activity summary', kv(f)) +
        panel('Stream profile', u.stream_profile ? kv(u.stream_profile) : '<p class="muted">Not in the stream profiles (run pulse stream --db).</p>') +
        '</div>' +
        panel('P(active) by model', table(u.p_active)) + panel('Customer value', table(u.clv)) +
        panel('Recent actions', table(u.recent_actions, [['created_at', 'when'], ['rule_id', 'rule'], ['action', 'action'],
          ['control', 'control group'], ['status', 'status']]));
    });
  }
  function kv(o) {
    if (!o) { return '<p class="muted">None.</p>'; }
    return '<dl class="kv">' + Object.keys(o).map(function (k) {
      var v = o[k];
      if (typeof v === 'number' && !Number.isInteger(v)) { v = fixed(v, 3); }
      if (v !== null && typeof v === 'object') { v = JSON.stringify(v); }
      return '<dt>' + esc(k) + '</dt><dd>' + esc(v) + '</dd>';
    }).join('') + '</dl>';
  }

  // ---- Tags ----
  function tags() {
    page.innerHTML = '<h1>Tags</h1><div id="tg-cards" class="cards"></div>' +
      panel('Audience size', '<form class="inline" id="tg-form"><input id="tg-expr" maxlength="2000" ' +
        'placeholder="high_value and not dormant"><button type="submit">Count</button></form><div id="tg-count"></div>') +
      '<div id="tg-audit"></div><div id="tg-body"></div>';
    document.getElementById('tg-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var out = document.getElementById('tg-count');
      api('/api/audiences/count?expression=' + encodeURIComponent(document.getElementById('tg-expr').value)).then(function (r) {
        var c = explain(r, out);
        if (c) { out.innerHTML = '<p>' + fig('audience-users', count(c.users)) + ' users (' + pct(c.share) + ') match <code>' + esc(c.expression) + '</code>.</p>'; }
      });
    });
    var tagsDone = api('/api/tags').then(function (res) {
      var t = explain(res, document.getElementById('tg-body'));
      if (!t) { return; }
      var list = (t.tags || []).slice().sort(function (a, b) { return b.share - a.share; });
      document.getElementById('tg-cards').insertAdjacentHTML('afterbegin',
        card('Tag version', 'tags-version', String(t.version), 'at ' + esc(t.cutoff)) +
        card('Tags', 'tags-count', count((t.tags || []).length), 'in this version') +
        card('Users tagged over', 'tags-users', count(t.users), ''));
      document.getElementById('tg-body').innerHTML =
        panel('Coverage: share of users per tag', '<div class="chart" id="tg-coverage" style="height:' + Math.max(320, 16 * list.length) + 'px"></div>');
      chart('tg-coverage', {
        tooltip: {valueFormatter: function (v) { return pct(v); }}, grid: {left: 170, right: 30, top: 10, bottom: 25},
        xAxis: {type: 'value', max: 1, axisLabel: {formatter: function (v) { return (v * 100).toFixed(0) + '%'; }}},
        yAxis: {type: 'category', inverse: true, data: list.map(function (x) { return x.name; }), axisLabel: {fontSize: 10}},
        series: [{type: 'bar', data: list.map(function (x) { return x.share; })}]
      });
    });
    var auditDone = api('/api/tags/audit').then(function (res) {
      var el = document.getElementById('tg-audit');
      var a = explain(res, el);
      if (!a) { return; }
      var curve = a.marginal_curve || [];
      var pairs = a.redundant_pairs || [];
      document.getElementById('tg-cards').insertAdjacentHTML('beforeend',
        card('Tags audited', 'audit-tags', count((a.tags || []).length), 'at ' + esc(a.tags_at) + ', horizon ' + esc(a.horizon_days) + ' d') +
        card('Redundant pairs', 'audit-redundant', count(pairs.length), 'Jaccard ≥ 0.7') +
        card('Knee: tags worth keeping', 'audit-knee', String(a.knee), 'AUC ' + fig('audit-recommended-auc', fixed(a.recommended_auc, 4)) +
          ' vs ' + fig('audit-all-auc', fixed(a.all_tags_auc, 4)) + ' with all'));
      el.innerHTML = '<div class="grid">' +
        panel('Marginal value: held-out AUC as tags are added', '<div class="chart" id="tg-curve"></div>') +
        panel('Redundancy: Jaccard overlap of every pair', '<div class="chart tall" id="tg-heat"></div>') + '</div>' +
        panel('Redundant pairs', table(pairs.slice(0, 50), [['a', 'tag'], ['b', 'overlaps'],
          ['jaccard', 'Jaccard', function (p) { return num(fixed(p.jaccard, 3)); }], ['phi', 'phi', function (p) { return num(fixed(p.phi, 3)); }],
          ['both', 'users in both', function (p) { return num(count(p.both)); }]])) +
        panel('Association rules (FP-Growth)', table((a.rules || []).slice(0, 50), [
          ['antecedent', 'if a user has', function (r) { return '<td>' + esc((r.antecedent || []).join(' + ')) + '</td>'; }],
          ['consequent', 'they also have', function (r) { return '<td>' + esc((r.consequent || []).join(' + ')) + '</td>'; }],
          ['support', 'support', function (r) { return num(pct(r.support)); }],
          ['confidence', 'confidence', function (r) { return num(pct(r.confidence)); }],
          ['lift', 'lift', function (r) { return num(fixed(r.lift, 2)); }]])) +
        panel('Dropped from the recommended set', table(a.dropped, [['tag', 'tag'], ['because', 'because']]));
      chart('tg-curve', {
        tooltip: {trigger: 'axis', formatter: function (ps) { var c = curve[ps[0].dataIndex]; return 'k=' + c.k + ' +' + esc(c.tag) + ': AUC ' + fixed(c.auc, 4); }},
        grid: {left: 55, right: 20, top: 20, bottom: 35},
        xAxis: {type: 'category', name: 'tags', nameLocation: 'middle', nameGap: 22, data: curve.map(function (c) { return String(c.k); })},
        yAxis: {type: 'value', min: function (v) { return Math.floor((v.min - 0.01) * 100) / 100; }},
        series: [{type: 'line', data: curve.map(function (c) { return c.auc; }),
          markLine: {symbol: 'none', label: {formatter: 'knee k=' + a.knee}, data: [{xAxis: String(a.knee)}]},
          markPoint: {data: curve.filter(function (c) { return c.k === a.knee; }).map(function (c) {
            return {coord: [String(c.k), c.auc], value: fixed(c.auc, 4)}; })}}]
      });
      var m = a.jaccard_matrix;
      if (m && m.tags) {
        var cells = [];
        m.values.forEach(function (row, i) { row.forEach(function (v, j) { if (i !== j) { cells.push([j, i, Number(v.toFixed(3))]); } }); });
        chart('tg-heat', {
          tooltip: {formatter: function (p) { return esc(m.tags[p.data[1]]) + ' × ' + esc(m.tags[p.data[0]]) + ': ' + fixed(p.data[2], 3); }},
          grid: {left: 130, right: 20, top: 10, bottom: 120},
          xAxis: {type: 'category', data: m.tags, axisLabel: {rotate: 90, fontSize: 8, interval: 0}},
          yAxis: {type: 'category', data: m.tags, inverse: true, axisLabel: {fontSize: 8, interval: 0}},
          visualMap: {min: 0, max: 1, show: false, inRange: {color: ['#ffffff', '#fdae6b', '#a63603']}},
          series: [{type: 'heatmap', data: cells}]
        });
      }
    });
    var audiences = api('/api/audiences').then(function (res) {
      if (res.ok && res.body.audiences && res.body.audiences.length) {
        document.getElementById('tg-count').insertAdjacentHTML('afterend', '<h2>Saved audiences</h2>' + table(res.body.audiences));
      }
    });
    return Promise.all([tagsDone, auditDone, audiences]);
  }

  // ---- Validation ----
  function validation() {
    page.innerHTML = '<h1>Validation: is the activity prediction honest?</h1><div id="vd-body"></div>';
    return api('/api/validation').then(function (res) {
      var el = document.getElementById('vd-body');
      var v = explain(res, el);
      if (!v) { return; }
      var rows = v.results || [];
      var models = [], schemes = [];
      rows.forEach(function (r) {
        if (models.indexOf(r.model) < 0) { models.push(r.model); }
        if (schemes.indexOf(r.scheme) < 0) { schemes.push(r.scheme); }
      });
      var verdicts = {};
      rows.forEach(function (r) { if (r.verdict) { verdicts[r.model] = r.verdict; } });
      el.innerHTML = '<div class="cards">' + card('Results', 'validation-rows', count(rows.length), models.length + ' models × ' + schemes.length + ' schemes') +
        models.map(function (m) {
          var h = rows.filter(function (r) { return r.model === m && r.scheme === 'forward_holdout'; })[0];
          return h ? card(m + ': forward holdout AUC', 'holdout-' + m, fixed(h.roc_auc, 3), '95% ' + fixed(h.roc_auc_low, 3) + '–' + fixed(h.roc_auc_high, 3)) : '';
        }).join('') + '</div>' +
        panel('ROC AUC by model and scheme, with 95% intervals', '<div class="chart" id="vd-auc"></div>') +
        panel('Verdicts', Object.keys(verdicts).map(function (m) { return '<p><b>' + esc(m) + '</b>: ' + esc(verdicts[m]) + '</p>'; }).join('')) +
        panel('Scores', table(rows, [['model', 'model'], ['scheme', 'scheme'], ['folds', 'folds', function (r) { return num(count(r.folds)); }],
          ['test_rows', 'test rows', function (r) { return num(count(r.test_rows)); }],
          ['roc_auc', 'ROC AUC', function (r) { return num(fixed(r.roc_auc, 3), 'auc-' + r.model + '-' + r.scheme); }],
          ['roc_auc_low', '95% interval', function (r) { return num(fixed(r.roc_auc_low, 3) + '–' + fixed(r.roc_auc_high, 3)); }],
          ['pr_auc', 'PR AUC', function (r) { return num(fixed(r.pr_auc, 3)); }],
          ['brier', 'Brier', function (r) { return num(fixed(r.brier, 4)); }],
          ['log_loss', 'log loss', function (r) { return num(fixed(r.log_loss, 4)); }]])) +
        panel('Cost: estimated vs actual', table(rows, [['model', 'model'], ['scheme', 'scheme'],
          ['estimated_s', 'estimated s', function (r) { return num(fixed(r.estimated_s, 2)); }],
          ['actual_s', 'wall s', function (r) { return num(fixed(r.actual_s, 2)); }],
          ['cpu_s', 'CPU s', function (r) { return num(fixed(r.cpu_s, 2)); }]]));
      var width = 0.8 / Math.max(1, schemes.length);
      chart('vd-auc', {
        tooltip: {trigger: 'axis'}, legend: {data: schemes}, grid: {left: 50, right: 20, top: 35, bottom: 30},
        xAxis: {type: 'category', data: models}, yAxis: {type: 'value', scale: true},
        series: schemes.map(function (s) {
          // No gap between a category's bars, 20% around them: so each bar's centre is where its interval goes.
          return {name: s, type: 'bar', barGap: '0%', barCategoryGap: '20%', data: models.map(function (m) {
            var r = rows.filter(function (x) { return x.model === m && x.scheme === s; })[0];
            return r ? r.roc_auc : null; })};
        }).concat(schemes.map(function (s, i) {
          return errorBars(models.map(function (m, mi) {
            var r = rows.filter(function (x) { return x.model === m && x.scheme === s; })[0];
            return r ? [mi, r.roc_auc_low, r.roc_auc_high] : [mi, null, null];
          }), s + ' interval', (i - (schemes.length - 1) / 2) * width);
        }))
      });
    });
  }

  // ---- Actions ----
  function actions() {
    page.innerHTML = '<h1>Thresholds and actions</h1><div id="ac-cards" class="cards"></div><div id="ac-th"></div><div id="ac-body"></div>';
    var th = api('/api/thresholds?limit=20').then(function (res) {
      var el = document.getElementById('ac-th');
      var t = explain(res, el);
      if (!t) { return; }
      var beyond = (t.segments || []).reduce(function (s, x) { return s + (x.beyond_threshold || 0); }, 0);
      document.getElementById('ac-cards').insertAdjacentHTML('afterbegin',
        card('Users with a personal threshold', 'thresholds-users', count(t.users), 'at ' + esc(t.cutoff)) +
        card('Beyond their threshold', 'thresholds-beyond', count(beyond), pct(t.users ? beyond / t.users : null) + ' of them'));
      el.innerHTML = '<div class="grid">' + panel('Thresholds by segment', table(t.segments, [['segment', 'segment'],
        ['users', 'users', function (s) { return num(count(s.users)); }],
        ['median_threshold_days', 'median threshold (days)', function (s) { return num(fixed(s.median_threshold_days, 1)); }],
        ['beyond_threshold', 'beyond it', function (s) { return num(count(s.beyond_threshold)); }],
        ['engagement_threshold', 'engagement cut', function (s) { return num(fixed(s.engagement_threshold, 3)); }]])) +
        panel('Median personal dormancy threshold by segment', '<div class="chart" id="ac-th-chart"></div>') + '</div>';
      chart('ac-th-chart', {
        tooltip: {trigger: 'axis'}, grid: {left: 50, right: 20, top: 20, bottom: 30},
        xAxis: {type: 'category', data: (t.segments || []).map(function (s) { return s.segment; })},
        yAxis: {type: 'value', name: 'days'},
        series: [{type: 'bar', data: (t.segments || []).map(function (s) { return Number(s.median_threshold_days.toFixed(1)); })}]
      });
    });
    var ac = api('/api/actions?limit=20').then(function (res) {
      var el = document.getElementById('ac-body');
      var a = explain(res, el);
      if (!a) { return; }
      var o = a.outbox || {}, up = a.uplift || [];
      document.getElementById('ac-cards').insertAdjacentHTML('beforeend',
        card('Actions in the outbox', 'outbox-total', count(o.total), (o.by_rule || []).length + ' rules'));
      el.innerHTML = '<div class="grid">' + panel('Outbox by rule', table(o.by_rule, [['rule_id', 'rule'], ['action', 'action'],
        ['actions', 'actions', function (r) { return num(count(r.actions), 'outbox-' + r.rule_id); }],
        ['control', 'held out', function (r) { return num(count(r.control)); }],
        ['sent', 'sent', function (r) { return num(count(r.sent)); }]])) +
        panel('Uplift of past operations (retention, treated − control, 95% interval)', up.length ?
          '<div class="chart" id="ac-uplift"></div>' : '<p class="missing">No uplift yet: run pulse backtest on a store with past operations.</p>') + '</div>' +
        panel('Uplift', table(up, [['rule_id', 'rule'], ['treated', 'treated', function (r) { return num(count(r.treated)); }],
          ['control', 'control', function (r) { return num(count(r.control)); }],
          ['treated_retention', 'retention treated', function (r) { return num(pct(r.treated_retention)); }],
          ['control_retention', 'retention control', function (r) { return num(pct(r.control_retention)); }],
          ['retention_diff', 'difference', function (r) { return num(signedPct(r.retention_diff), 'uplift-' + r.rule_id); }],
          ['ci_low', '95% interval', function (r) { return num(signedPct(r.ci_low) + ' .. ' + signedPct(r.ci_high)); }],
          ['revenue_diff', 'revenue / user', function (r) { return num(fixed(r.revenue_diff, 2) + ' (' + fixed(r.revenue_ci_low, 2) + ' .. ' + fixed(r.revenue_ci_high, 2) + ')'); }]])) +
        panel('Fixed vs personal thresholds on history', table(a.policies, [['policy', 'policy'],
          ['threshold_days', 'days', function (r) { return num(r.threshold_days == null ? 'personal' : count(r.threshold_days)); }],
          ['actions', 'actions', function (r) { return num(count(r.actions)); }], ['caught', 'churners caught', function (r) { return num(count(r.caught)); }],
          ['precision', 'precision', function (r) { return num(pct(r.precision)); }], ['recall', 'recall', function (r) { return num(pct(r.recall)); }],
          ['f1', 'F1', function (r) { return num(fixed(r.f1, 3)); }], ['median_lead_days', 'median lead (days)', function (r) { return num(fixed(r.median_lead_days, 1)); }]])) +
        panel('Latest outbox rows', table(o.rows, [['created_at', 'created'], ['rule_id', 'rule'],
          ['user_id', 'user', function (r) { return '<td>' + userLink(r.user_id) + '</td>'; }], ['action', 'action'],
          ['control', 'held out'], ['status', 'status']]));
      if (up.length) {
        chart('ac-uplift', {
          tooltip: {trigger: 'axis', valueFormatter: function (v) { return signedPct(v); }}, grid: {left: 60, right: 20, top: 20, bottom: 30},
          xAxis: {type: 'category', data: up.map(function (u) { return u.rule_id; })},
          yAxis: {type: 'value', axisLabel: {formatter: function (v) { return (v * 100).toFixed(0) + ' pts'; }}},
          series: [{name: 'retention uplift', type: 'bar', data: up.map(function (u) { return u.retention_diff; }),
            markLine: {symbol: 'none', data: [{yAxis: 0}]}},
            errorBars(up.map(function (u, i) { return [i, u.ci_low, u.ci_high]; }), '95% interval')]
        });
      }
    });
    return Promise.all([th, ac]);
  }

  // ---- Stream ----
  function stream() {
    page.innerHTML = '<h1>Stream: real trends vs passing spikes</h1><div id="st-live"></div><div id="st-run"></div>';
    var live = api('/api/stream/stats').then(function (res) {
      var el = document.getElementById('st-live');
      if (!res.ok) {
        var why = res.body && res.body.code === 'not_running' ? '' : ' (' + esc(res.status) + ' ' + esc(res.body && res.body.message) + ')';
        el.innerHTML = panel('Live', '<p class="muted">The live stream is not running in this server' + why +
          '. Start <code>pulse serve --stream</code> to send events to POST /api/events and watch them here.</p>');
        return;
      }
      el.innerHTML = panel('Live', '<p class="live">● receiving events on POST /api/events</p><div class="cards" id="st-live-cards"></div>' +
        '<div class="chart" id="st-rate"></div><h2>Alerts as they come</h2><div id="st-live-alerts"></div>');
      var rate = chart('st-rate', {
        tooltip: {trigger: 'axis'}, grid: {left: 60, right: 20, top: 20, bottom: 30},
        xAxis: {type: 'time'}, yAxis: {type: 'value', name: 'events/s'},
        series: [{type: 'line', showSymbol: false, data: []}]
      });
      var points = [];
      function show(s) {
        document.getElementById('st-live-cards').innerHTML =
          card('Events in', 'live-events-in', count(s.events_in), count(s.events_per_second) + ' events/s') +
          card('Accepted', 'live-accepted', count(s.accepted), count(s.late) + ' late, ' + count(s.duplicates) + ' duplicates') +
          card('Alerts', 'live-alerts', count(s.alerts), fig('live-sustained', count(s.alerts_sustained)) + ' sustained, ' +
            count(s.alerts_transient) + ' transient') +
          card('Watermark', 'live-watermark', s.watermark ? s.watermark.replace('T', ' ').replace('Z', '') : '—',
            'queue ' + count(s.ingest && s.ingest.queued_events));
        points.push([Date.now(), s.events_per_second]);
        if (points.length > 300) { points.shift(); }
        if (rate) { rate.setOption({series: [{data: points}]}); }
      }
      show(res.body);
      var timer = setInterval(function () { api('/api/stream/stats').then(function (r) { if (r.ok) { show(r.body); } }); }, 2000);
      cleanups.push(function () { clearInterval(timer); });
      // Newest first; the recent ones and the followed ones may overlap while both are in flight.
      var alerts = [], seen = {};
      function drawAlerts() { document.getElementById('st-live-alerts').innerHTML = alertTable(alerts.slice(0, 100)); }
      api('/api/stream/recent?limit=100').then(function (r) {
        if (!r.ok) { return; }
        var older = (r.body.alerts || []).filter(function (a) { return !seen[a.id]; });
        older.forEach(function (a) { seen[a.id] = true; });
        alerts = alerts.concat(older);
        drawAlerts();
      });
      follow('/api/stream/alerts', function (a) {
        if (seen[a.id]) { return; }
        seen[a.id] = true;
        alerts.unshift(a);
        drawAlerts();
      });
    });
    var run = api('/api/stream/summary?limit=200').then(function (res) {
      var el = document.getElementById('st-run');
      var d = explain(res, null);
      if (!d) {
        el.innerHTML = panel('Last stored run', res.status === 404 ? '<p class="missing">No stream run stored: ' +
          esc(res.body && res.body.message) + '</p>' : '<p class="error">' + esc(res.status) + '</p>');
        return;
      }
      var r = d.run || {};
      var labels = d.by_label || {};
      el.innerHTML = panel('Last stored run (' + r.source + ', finished ' + r.finished_at + ')',
        '<div class="cards">' + card('Events in', 'stream-events-in', count(r.events_in), count(r.accepted) + ' accepted') +
        card('Late / duplicates', 'stream-late', count(r.late) + ' / ' + count(r.duplicates), filteredNote(r.filtered)) +
        card('Windows closed', 'stream-windows', count(r.windows_closed), 'watermark ' + esc(r.watermark)) +
        card('Alerts', 'stream-alerts', count(r.alerts), fig('stream-sustained', count(r.alerts_sustained)) + ' sustained, ' +
          fig('stream-transient', count(r.alerts_transient)) + ' transient') + '</div>' +
        '<div class="grid"><div><h2>Alerts by label</h2><div class="chart" id="st-labels"></div></div>' +
        '<div><h2>Decisions, with their evidence</h2>' + table(d.decisions, [['key', 'key'], ['window', 'window'],
          ['decision', 'decision'], ['reason', 'evidence']]) + '</div></div>' +
        '<h2>Alerts (sustained first)</h2>' + alertTable(d.alerts));
      chart('st-labels', {
        tooltip: {}, grid: {left: 90, right: 20, top: 10, bottom: 25},
        yAxis: {type: 'category', data: Object.keys(labels)}, xAxis: {type: 'value'},
        series: [{type: 'bar', label: {show: true, position: 'right'}, data: Object.keys(labels).map(function (k) {
          return {value: labels[k], itemStyle: {color: /SUSTAINED/i.test(k) ? '#d9480f' : '#94a3b8'}}; })}]
      });
    });
    return Promise.all([live, run]);
  }
  function filteredNote(filtered) {
    var f = filtered || {}, total = 0, parts = [];
    Object.keys(f).forEach(function (k) { total += f[k]; if (f[k]) { parts.push(esc(k.replace(/_/g, ' ')) + ' ' + count(f[k])); } });
    return count(total) + ' filtered as noise' + (parts.length ? ': ' + parts.join(', ') : '');
  }
  function alertTable(rows) {
    return '<div class="alerts">' + table(rows, [['end', 'window end'], ['window', 'window'], ['key', 'key'], ['kind', 'kind'],
      ['label', 'label', function (a) { return '<td class="label-' + esc(a.label) + '" data-label="' + esc(a.label) + '">' + esc(a.label) + '</td>'; }],
      ['events', 'events', function (a) { return num(count(a.events) + ' vs ' + fixed(a.baseline, 1)); }],
      ['windows', 'windows', function (a) { return num(count(a.windows)); }],
      ['distinct_users', 'users', function (a) { return num(count(a.distinct_users)); }],
      ['top_source', 'top source', function (a) { return '<td>' + esc(a.top_source) + ' (' + pct(a.top_source_share) + ')</td>'; }],
      ['decision', 'decision', function (a) { return '<td>' + esc(a.decision || '—') + '<div class="muted">' + esc(a.reason) + '</div></td>'; }]],
      function (a) { return /SUSTAINED/i.test(a.label) ? 'hot' : ''; }) + '</div>';
  }
  // Server-sent events over fetch, so the Authorization header goes with them (EventSource cannot send one).
  function follow(path, onAlert) {
    var ctrl = new AbortController();
    cleanups.push(function () { ctrl.abort(); });
    fetch(path, {headers: Object.assign({'Accept': 'text/event-stream'}, headers()), signal: ctrl.signal}).then(function (r) {
      if (!r.ok || !r.body) { return; }
      var reader = r.body.getReader(), decoder = new TextDecoder(), buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          buffer += decoder.decode(chunk.value, {stream: true});
          var end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            var block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            var data = block.split('\n').filter(function (l) { return l.indexOf('data:') === 0; })
              .map(function (l) { return l.slice(5).trim(); }).join('\n');
            if (data) { try { onAlert(JSON.parse(data)); } catch (e) { /* a keep-alive or a partial line */ } }
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () { /* aborted when the page changes */ });
  }

  // ---- routing ----
  var pages = {overview: overview, segments: segments, profile: profile, tags: tags, validation: validation,
    actions: actions, stream: stream};
  function route() {
    cleanups.forEach(function (f) { f(); });
    cleanups = [];
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    var parts = (location.hash || '#/overview').replace(/^#\/?/, '').split('/');
    var name = pages[parts[0]] ? parts[0] : 'overview';
    document.querySelectorAll('#nav a').forEach(function (a) { a.classList.toggle('active', a.dataset.page === name); });
    document.body.dataset.page = name;
    document.body.dataset.ready = 'false';
    var arg = parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : null;
    Promise.resolve(pages[name](arg)).catch(function (e) {
      page.insertAdjacentHTML('beforeend', '<p class="error">Could not load: ' + esc(e && e.message) + '</p>');
    }).then(function () {
      document.body.dataset.ready = 'true';
    });
  }
  window.addEventListener('hashchange', route);

  var tokenForm = document.getElementById('token-form');
  document.getElementById('token-button').addEventListener('click', function () { tokenForm.hidden = !tokenForm.hidden; });
  tokenForm.addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem('pulse.token', document.getElementById('token-input').value.trim());
    tokenForm.hidden = true;
    route();
  });
  api('/api/health').then(function () {
    document.getElementById('footer').textContent = 'Pulse · API at /api · OpenAPI at /openapi.json';
  });
  route();
})();
