// moonbase explorer: the single page over the moonbase HTTP API (no framework, no CDN).
"use strict";

const state = {
  fields: [],          // /api/schema
  byPath: new Map(),   // path -> field description
  scenario: null,      // resolved scenario object (TOML keys)
  errors: new Map(),   // path -> message (client range checks and server field errors)
  mode: "form",        // "form" or "toml"
  currentRun: null,
  polling: null,
  validateTimer: null,
};

const $ = (selector) => document.querySelector(selector);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const error = new Error((body && body.detail) || `${response.status} ${response.statusText}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

// ---- number formatting -------------------------------------------------------------
const PREFIXES = [[1e24, "Y"], [1e21, "Z"], [1e18, "E"], [1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]];
function si(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  for (const [scale, prefix] of PREFIXES) {
    if (Math.abs(value) >= scale) return `${(value / scale).toPrecision(3)} ${prefix}${unit}`;
  }
  return `${Number(value.toPrecision(3))} ${unit}`.trim();
}
function usd(value) {
  if (value === null || value === undefined) return "n/a";
  for (const [scale, word] of [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]]) {
    if (Math.abs(value) >= scale) return `$${(value / scale).toPrecision(3)} ${word}`;
  }
  return `$${Math.round(value).toLocaleString()}`;
}
const central = (value) => (value && typeof value === "object" ? value.p50 : value);
function spread(value, format) {
  if (!value || typeof value !== "object") return "";
  return `P10-P90: ${format(value.p10)} to ${format(value.p90)}`;
}

// ---- scenario object helpers ---------------------------------------------------------
function getAt(object, path) {
  return path.split(".").reduce((node, key) => (node == null ? undefined : node[key]), object);
}
function setAt(object, path, value) {
  const keys = path.split(".");
  let node = object;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

// ---- tooltips (sources of defaults on hover) -------------------------------------------
function attachTooltip(node, field) {
  const tip = $("#tooltip");
  const lines = [];
  if (field.description) lines.push(["", field.description]);
  if (field.range) lines.push(["Valid range: ", field.range]);
  else if (field.ge !== undefined || field.le !== undefined) lines.push(["Valid range: ", `[${field.ge ?? "-inf"}, ${field.le ?? "inf"}]`]);
  if (field.source) lines.push(["Source of the default: ", field.source]);
  node.title = lines.map(([label, text]) => label + text).join("\n");
  node.addEventListener("mouseenter", (event) => {
    tip.replaceChildren(...lines.flatMap(([label, text], i) => [
      ...(i ? [element("br")] : []), ...(label ? [element("b", { text: label })] : []), document.createTextNode(text)]));
    tip.hidden = false;
    const box = event.target.getBoundingClientRect();
    tip.style.left = `${Math.min(box.left, window.innerWidth - 380)}px`;
    tip.style.top = `${box.bottom + 6}px`;
    node.removeAttribute("title");
  });
  node.addEventListener("mouseleave", () => { tip.hidden = true; node.title = lines.map(([l, t]) => l + t).join("\n"); });
}

// ---- the form, generated from /api/schema -----------------------------------------------
function inputFor(field) {
  const id = `field-${field.path.replaceAll(".", "-")}`;
  let input;
  if (field.kind === "boolean") {
    input = element("input", { type: "checkbox", id });
  } else if (field.kind === "enum") {
    input = element("select", { id }, ...field.options.map((option) => element("option", { value: option, text: option })));
  } else if (field.kind === "quantity" || field.kind === "integer") {
    input = element("input", { type: "number", id, step: "any", min: field.ge, max: field.le, inputmode: "decimal" });
  } else if (field.kind === "json" || (field.max_length || 0) > 80) {
    input = element("textarea", { id, rows: field.kind === "json" ? 3 : 2, maxlength: field.max_length, spellcheck: "false" });
  } else {
    input = element("input", { type: "text", id, maxlength: field.max_length });
  }
  input.dataset.path = field.path;
  input.addEventListener("change", () => onFieldChange(field, input));
  input.addEventListener("input", () => { if (!["string", "json"].includes(field.kind)) onFieldChange(field, input); });
  return input;
}

function buildForm() {
  const root = $("#form-fields");
  root.replaceChildren();
  const containers = new Map([["", root]]);
  for (const field of state.fields) {
    if (field.path === "name") continue;
    const parentPath = field.path.includes(".") ? field.path.slice(0, field.path.lastIndexOf(".")) : "";
    const parent = containers.get(parentPath) || root;
    const key = field.path.split(".").pop();
    if (field.kind === "section") {
      const details = element("details", { class: "section", dataset: { path: field.path } },
        element("summary", { text: key.replaceAll("_", " "), title: field.description }));
      parent.append(details);
      containers.set(field.path, details);
      continue;
    }
    if (field.path === "uncertainty") {
      parent.append(uncertaintyEditor(field));
      continue;
    }
    const input = inputFor(field);
    const label = element("label", { for: input.id, text: key.replaceAll("_", " ") });
    attachTooltip(label, field);
    const unitText = { quantity: field.unit || "-", list: "list", json: "JSON" }[field.kind] || "";
    const box = element("div", { class: "input" }, input, element("span", { class: "unit", text: unitText }));
    const wide = input.tagName === "TEXTAREA" ? " wide" : "";
    const row = element("div", { class: `field${wide}`, dataset: { path: field.path } }, label, box,
      element("div", { class: "field-error", role: "alert", id: `${input.id}-error` }));
    input.setAttribute("aria-describedby", `${input.id}-error`);
    parent.append(row);
  }
  const name = $("#field-name");
  const nameField = state.byPath.get("name");
  name.addEventListener("change", () => onFieldChange(nameField, name));
}

// ---- uncertainty: one row per uncertain field, its distribution and parameters ---------------
const DISTRIBUTION_PARAMETERS = {
  lognormal: ["median", "p90"], normal: ["mean", "std"], uniform: ["low", "high"],
  triangular: ["low", "mode", "high"], discrete: ["values", "weights"],
};

function uncertaintyEditor(field) {
  const rows = element("div", { id: "uncertainty-rows" });
  const add = element("button", { type: "button", id: "uncertainty-add", class: "small-button", text: "Add an uncertain field" });
  add.addEventListener("click", () => {
    const first = state.fields.find((f) => f.kind === "quantity" && !(state.scenario.uncertainty || {})[f.path]);
    if (!first) return;
    rows.append(uncertaintyRow(first.path, { distribution: "uniform" }));
    onUncertaintyChange();
  });
  const heading = element("div", { class: "uncertainty-heading" }, element("span", { text: "uncertainty" }), add);
  attachTooltip(heading.firstChild, field);
  return element("div", { class: "field wide uncertainty", dataset: { path: "uncertainty" } }, heading, rows,
    element("div", { class: "field-error", role: "alert", id: "uncertainty-error" }));
}

function parameterValue(path, text) {
  const field = state.byPath.get(path);
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (field && !field.unit && trimmed !== "" && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  return field && field.unit && !Number.isNaN(Number(trimmed)) ? `${trimmed} ${field.unit}` : trimmed;
}

function uncertaintyRow(path, spec) {
  const numeric = state.fields.filter((f) => f.kind === "quantity" || f.kind === "integer");
  const pathSelect = element("select", { class: "u-path", "aria-label": "uncertain field" },
    ...numeric.map((f) => element("option", { value: f.path, text: f.path, selected: f.path === path })));
  const kind = element("select", { class: "u-kind", "aria-label": "distribution" },
    ...Object.keys(DISTRIBUTION_PARAMETERS).map((k) => element("option", { value: k, text: k, selected: k === spec.distribution })));
  const parameters = element("div", { class: "u-parameters" });
  const remove = element("button", { type: "button", class: "small-button", text: "Remove", "aria-label": `remove ${path}` });
  const row = element("div", { class: "u-row", dataset: { path } }, pathSelect, kind, remove, parameters);
  const drawParameters = () => {
    const unit = (state.byPath.get(pathSelect.value) || {}).unit || "";
    parameters.replaceChildren(...DISTRIBUTION_PARAMETERS[kind.value].map((name) => {
      const raw = spec[name];
      const value = raw === undefined ? "" : Array.isArray(raw) ? raw.join(", ") : String(raw);
      const input = element("input", { type: "text", class: "u-value", "aria-label": `${pathSelect.value} ${name}`, value,
        placeholder: name === "values" || name === "weights" ? "a, b, c" : unit ? `e.g. 2 ${unit}` : "e.g. 0.5" });
      input.dataset.name = name;
      input.addEventListener("change", onUncertaintyChange);
      return element("label", { class: "u-parameter" }, element("span", { text: name }), input);
    }));
  };
  pathSelect.addEventListener("change", () => { row.dataset.path = pathSelect.value; drawParameters(); onUncertaintyChange(); });
  kind.addEventListener("change", () => { drawParameters(); onUncertaintyChange(); });
  remove.addEventListener("click", () => { row.remove(); onUncertaintyChange(); });
  drawParameters();
  return row;
}

function onUncertaintyChange() {
  const table = {};
  for (const row of document.querySelectorAll("#uncertainty-rows .u-row")) {
    const path = row.querySelector(".u-path").value;
    const spec = { distribution: row.querySelector(".u-kind").value };
    for (const input of row.querySelectorAll(".u-value")) {
      const name = input.dataset.name;
      if (name === "values" || name === "weights") {
        const parts = input.value.split(",").map((part) => part.trim()).filter(Boolean);
        if (parts.length) spec[name] = parts.map((part) => (name === "weights" ? Number(part) : parameterValue(path, part)));
      } else {
        const value = parameterValue(path, input.value);
        if (value !== undefined) spec[name] = value;
      }
    }
    table[path] = spec;
  }
  state.scenario.uncertainty = table;
  renameEdited({ path: "uncertainty" });
  checkSamples();
  clearTimeout(state.validateTimer);
  state.validateTimer = setTimeout(validateForm, 350);
}

function fillUncertainty() {
  const rows = $("#uncertainty-rows");
  if (!rows) return;
  rows.replaceChildren(...Object.entries((state.scenario && state.scenario.uncertainty) || {})
    .map(([path, spec]) => uncertaintyRow(path, spec)));
}

function fillForm() {
  fillUncertainty();
  for (const input of document.querySelectorAll("[data-path]")) {
    if (!(input instanceof HTMLInputElement || input instanceof HTMLSelectElement || input instanceof HTMLTextAreaElement)) continue;
    const field = state.byPath.get(input.dataset.path);
    const value = getAt(state.scenario, input.dataset.path);
    if (!field) continue;
    if (field.kind === "boolean") input.checked = Boolean(value);
    else if (field.kind === "quantity") input.value = value === undefined ? "" : parseFloat(value);
    else if (field.kind === "list") input.value = (value || []).join(", ");
    else if (field.kind === "json") input.value = value === undefined ? "" : JSON.stringify(value);
    else input.value = value ?? "";
  }
}

function rangeError(field, number) {
  const unit = field.unit ? ` ${field.unit}` : "";
  const bad = (field.ge !== undefined && number < field.ge) || (field.gt !== undefined && number <= field.gt) ||
    (field.le !== undefined && number > field.le) || (field.lt !== undefined && number >= field.lt);
  if (!bad) return "";
  const range = field.range || `[${field.ge ?? field.gt}, ${field.le ?? field.lt}]`;
  return `${field.path} = ${number}${unit} is outside the valid range ${range}${field.hint ? `; ${field.hint}` : ""}.`;
}

function onFieldChange(field, input) {
  let value;
  let error = "";
  if (field.kind === "boolean") value = input.checked;
  else if (field.kind === "enum" || field.kind === "string") value = input.value;
  else if (field.kind === "json") {
    try { value = input.value.trim() ? JSON.parse(input.value) : undefined; } catch (e) { error = `${field.path} is not valid JSON: ${e.message}`; value = getAt(state.scenario, field.path); }
  }
  else if (field.kind === "list") {
    const parts = input.value.split(",").map((part) => part.trim()).filter(Boolean);
    value = parts.map(Number);
    const bad = parts.find((part, i) => Number.isNaN(value[i]) || rangeError(field, value[i]));
    if (bad !== undefined) error = `${field.path}: ${bad} is not a number in ${field.range || "range"}.`;
  } else {
    const text = input.value.trim();
    const number = Number(text);
    if (text === "" || Number.isNaN(number)) error = `${field.path} needs a number${field.unit ? ` in ${field.unit}` : ""}.`;
    else if (field.kind === "integer" && !Number.isInteger(number)) error = `${field.path} = ${text} must be a whole number.`;
    else error = rangeError(field, number);
    value = field.kind === "quantity" && field.unit ? `${text} ${field.unit}` : number;
  }
  setAt(state.scenario, field.path, value);
  renameEdited(field);
  setFieldError(field.path, error);
  clearTimeout(state.validateTimer);
  state.validateTimer = setTimeout(validateForm, 350);
}

function setFieldError(path, message) {
  if (message) state.errors.set(path, message); else state.errors.delete(path);
  const row = document.querySelector(`.field[data-path="${CSS.escape(path)}"]`);
  if (row) {
    row.classList.toggle("invalid", Boolean(message));
    row.querySelector(".field-error").textContent = message || "";
    if (message) for (let node = row.parentElement; node; node = node.parentElement) if (node.tagName === "DETAILS") node.open = true;
  }
  const count = state.errors.size;
  $("#form-summary").textContent = count ? `${count} field${count > 1 ? "s need" : " needs"} attention before a run.` : "";
  $("#run").disabled = (count > 0 && state.mode === "form") || Boolean(state.samplesProblem);
}

async function validateForm() {
  if (state.mode !== "form") return;
  try {
    const answer = await api("/api/scenarios/validate", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(state.scenario) });
    const serverErrors = new Map(answer.errors.map((e) => [e.field, e.message]));
    for (const path of [...state.errors.keys()]) if (!serverErrors.has(path)) setFieldError(path, "");
    for (const [path, message] of serverErrors) setFieldError(state.byPath.has(path) ? path : nearestField(path), message);
  } catch (error) {
    $("#form-summary").textContent = error.message;
  }
}

function nearestField(path) {
  let candidate = path.replace(/\[\d+\]$/, "");
  while (candidate && !state.byPath.has(candidate)) candidate = candidate.includes(".") ? candidate.slice(0, candidate.lastIndexOf(".")) : "";
  return candidate || "name";
}

// ---- presets and the TOML editor ------------------------------------------------------
async function loadPreset(name) {
  const preset = await api(`/api/presets/${encodeURIComponent(name)}`);
  state.scenario = preset.scenario;
  state.presetName = preset.scenario.name;
  $("#preset-description").textContent = preset.description;
  $("#toml").value = preset.toml;
  for (const path of [...state.errors.keys()]) setFieldError(path, "");
  $("#toml-errors").replaceChildren();
  fillForm();
  checkSamples();
}

async function checkToml() {
  const list = $("#toml-errors");
  const answer = await api("/api/scenarios/validate", {
    method: "POST", headers: { "content-type": "application/toml" }, body: $("#toml").value });
  list.replaceChildren(...answer.errors.map((e) => element("li", { text: e.message })));
  if (answer.valid) {
    state.scenario = answer.scenario;
    fillForm();
  }
  return answer.valid;
}

async function setMode(mode) {
  if (mode === state.mode) return;
  if (mode === "toml") {
    const answer = await api("/api/scenarios/validate", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(state.scenario) });
    if (answer.valid) $("#toml").value = answer.toml;
  } else if (!(await checkToml())) {
    return; // stay on the TOML tab until it is valid
  }
  state.mode = mode;
  $("#tab-form").setAttribute("aria-selected", String(mode === "form"));
  $("#tab-toml").setAttribute("aria-selected", String(mode === "toml"));
  $("#panel-form").hidden = mode !== "form";
  $("#panel-toml").hidden = mode !== "toml";
  $("#run").disabled = mode === "form" && state.errors.size > 0;
}

// ---- runs ---------------------------------------------------------------------------------
function setStatus(text, { progress = null, failed = false } = {}) {
  $("#status-text").textContent = text;
  $(".status").classList.toggle("failed", failed);
  const bar = $("#progress");
  bar.hidden = progress === null;
  if (progress !== null) bar.value = progress;
}

async function startRun() {
  const body = {
    samples: Number($("#samples").value) || 1,
    seed: Number($("#seed").value) || 0,
    report: $("#with-report").checked,
  };
  if (state.mode === "toml") body.toml = $("#toml").value; else body.scenario = state.scenario;
  $("#run").disabled = true;
  try {
    const run = await api("/api/runs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    setStatus(`Run ${run.id.slice(0, 8)} queued.`, { progress: 0 });
    pollRun(run.id);
  } catch (error) {
    if (error.body && error.body.errors) {
      for (const e of error.body.errors) {
        if (state.mode === "form") setFieldError(state.byPath.has(e.field) ? e.field : nearestField(e.field), e.message);
        else $("#toml-errors").replaceChildren(...error.body.errors.map((x) => element("li", { text: x.message })));
      }
    }
    setStatus(error.message, { failed: true });
    $("#run").disabled = false;
  }
}

function pollRun(id) {
  clearTimeout(state.polling);
  const tick = async () => {
    let run;
    try { run = await api(`/api/runs/${id}`); } catch (error) { setStatus(error.message, { failed: true }); $("#run").disabled = false; return; }
    if (run.state === "done") {
      setStatus(`Run ${id.slice(0, 8)} (${run.scenario}) finished.`);
      $("#run").disabled = state.mode === "form" && state.errors.size > 0;
      await showRun(run);
      refreshRuns();
    } else if (run.state === "failed") {
      setStatus(`Run ${id.slice(0, 8)} failed: ${run.error}`, { failed: true });
      $("#run").disabled = false;
      refreshRuns();
    } else {
      setStatus(`Run ${id.slice(0, 8)} ${run.state}: ${run.stage}...`, { progress: run.progress });
      state.polling = setTimeout(tick, 400);
    }
  };
  tick();
}

function metric(label, value, extra = "") {
  return element("div", { class: "metric" }, element("div", { class: "value", text: value }),
    element("div", { class: "label", text: label }), element("div", { class: "spread", text: extra }));
}

function milestoneText(value, endYear) {
  const year = value && typeof value === "object" ? value.p50 : value;
  return year === null || year === undefined ? `not reached by ${endYear}` : `${Math.round(year)}`;
}

function targetTitle(target) {
  return target.kind === "deployed" ? `First year with >= ${target.text} deployed in space`
    : `First year adding >= ${target.text} in space`;
}

function targetMetrics(target, endYear) {
  const first = target.first_year;
  const sampled = first && typeof first === "object";
  const years = sampled ? `P10 ${milestoneText(first.p10, endYear)}, P90 ${milestoneText(first.p90, endYear)}; ` +
    `${Math.round(100 * first.fraction_reached)} % of samples reach it` : "";
  const peak = target.peak_space_power_added_per_year_w;
  const peakYear = central(target.peak_space_power_added_year);
  return [metric(targetTitle(target), milestoneText(first, endYear), years),
    metric("Peak space compute added in a year", si(central(peak), "W/yr"),
      central(peak) > 0 ? `in ${Math.round(peakYear)}${sampled ? " (P50)" : ""}` : "")];
}

async function showTarget(run, endYear) {
  const text = $("#target").value.trim() || "1 TW/yr";
  const note = $("#target-note");
  try {
    const target = await api(`${run.links.self}/target?target=${encodeURIComponent(text)}`);
    note.className = "muted small";
    note.textContent = target.meaning;
    return target;
  } catch (error) {
    note.className = "error small";
    note.textContent = error.message;
    return null;
  }
}

async function showRun(run) {
  state.currentRun = run.id;
  setStatus(`Run ${run.id.slice(0, 8)} (${run.scenario}, ${run.samples} sample${run.samples > 1 ? "s" : ""}, seed ${run.seed}) finished ${(run.finished || "").replace("T", " ").slice(0, 19)} UTC.`);
  const [summary, charts] = await Promise.all([api(run.links.summary), api(run.links.charts)]);
  const end = summary.end;
  const power = end.deployed_compute_power_w;
  const watts = (v) => si(v, "W");
  const target = (await showTarget(run, end.year)) || summary.target;
  state.currentRunInfo = { run, endYear: end.year };
  $("#headline").replaceChildren(
    ...targetMetrics(target, end.year),
    metric(`Space compute power ${end.year}`, watts(central(power.space)), spread(power.space, watts)),
    metric(`Total compute power ${end.year}`, watts(central(power.total)), spread(power.total, watts)),
    metric(`Kardashev index ${end.year}`, central(end.kardashev_index).toFixed(3), spread(end.kardashev_index, (v) => v.toFixed(3))),
    metric("Cumulative cost", usd(central(end.cumulative_cost_usd)), spread(end.cumulative_cost_usd, usd)),
    metric("Payloads escaping the Earth-Moon system",
      summary.escape && central(end.mass_driver_launches) > 0 ? `${Math.round(100 * central(summary.escape.heliocentric_fraction))} %` : "no launches"),
  );
  $("#warnings").replaceChildren(...(summary.warnings || []).map((w) => element("li", { text: w })));
  const downloads = $("#downloads");
  const links = [["Report (HTML)", run.links.report, run.report], ["Timeline (CSV)", `${run.links.timeline}?format=csv`, true],
    ["Timeline (Parquet)", `${run.links.timeline}?format=parquet`, true], ["Summary (JSON)", run.links.summary, true],
    ["Scenario (TOML)", run.links.scenario, true], ["Everything (zip)", run.links.archive, true]];
  downloads.replaceChildren(element("strong", { text: "Download: " }),
    ...links.filter(([, , shown]) => shown).map(([text, href]) => element("a", { href, text, target: "_blank", rel: "noopener", download: text.includes("HTML") ? false : true })));
  downloads.hidden = false;
  const chartsRoot = $("#charts");
  for (const node of chartsRoot.querySelectorAll(".plot")) if (window.Plotly) Plotly.purge(node);
  chartsRoot.replaceChildren();
  for (const chart of charts) {
    const plot = element("div", { class: "plot", id: `chart-${chart.name}`, dataset: { run: run.id } });
    chartsRoot.append(element("figure", { class: "chart", dataset: { name: chart.name } },
      element("h3", { text: chart.title }), plot, element("figcaption", { text: chart.caption })));
    const layout = Object.assign({}, chart.figure.layout, { autosize: true });
    await Plotly.newPlot(plot, chart.figure.data, layout, { displaylogo: false, responsive: true });
  }
  chartsRoot.dataset.run = run.id;
  const rows = [];
  for (const [tier, segments] of Object.entries(summary.binding_constraints || {})) {
    for (const s of segments) {
      if (s.constraint === "disabled") continue;
      rows.push(element("tr", {}, element("td", { text: tier.replaceAll("_", " ") }), element("td", { text: s.constraint.replaceAll("_", " ") }),
        element("td", { text: s.from_year.toFixed(1) }), element("td", { text: s.to_year.toFixed(1) })));
    }
  }
  $("#binding tbody").replaceChildren(...rows);
  $("#binding").hidden = rows.length === 0;
}

async function refreshRuns() {
  const runs = await api("/api/runs?limit=30");
  const body = $("#runs-table tbody");
  body.replaceChildren(...runs.map((run, i) => element("tr", { dataset: { id: run.id } },
    element("td", {}, element("input", { type: "radio", name: "compare-a", value: run.id, "aria-label": `run A ${run.id.slice(0, 8)}`, checked: i === 1 })),
    element("td", {}, element("input", { type: "radio", name: "compare-b", value: run.id, "aria-label": `run B ${run.id.slice(0, 8)}`, checked: i === 0 })),
    element("td", { text: `${run.scenario} (${run.id.slice(0, 8)})` }),
    element("td", { class: "number", text: String(run.samples) }),
    element("td", { text: run.state }),
    element("td", { text: (run.started || run.created || "").replace("T", " ").slice(0, 19) }),
    element("td", {}, run.state === "done" ? showButton(run.id) : ""))));
}

function showButton(id) {
  const button = element("button", { type: "button", class: "small-button", text: "Show" });
  button.addEventListener("click", async () => showRun(await api(`/api/runs/${id}`)));
  return button;
}

function formatMetric(value, unit, endYear) {
  if ((value === null || value === undefined) && unit === "yr") return `not reached by ${endYear}`;
  if (value === null || value === undefined) return "n/a";
  if (unit === "USD") return usd(value);
  if (unit === "W" || unit === "W/yr") return si(value, unit);
  if (unit === "yr") return String(Math.round(value));
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString() : Number(value.toPrecision(4)).toString();
}

async function compareRuns() {
  const a = document.querySelector('input[name="compare-a"]:checked');
  const b = document.querySelector('input[name="compare-b"]:checked');
  const root = $("#comparison");
  if (!a || !b) { root.replaceChildren(element("p", { class: "error", text: "Choose a run A and a run B first." })); return; }
  try {
    const result = await api(`/api/compare?a=${a.value}&b=${b.value}`);
    const [first, second] = result.runs;
    const table = element("table", { id: "comparison-table" },
      element("thead", {}, element("tr", {}, element("th", { text: "Quantity" }), element("th", { text: `A: ${first.label}` }),
        element("th", { text: `B: ${(second || first).label}` }), element("th", { text: "B / A" }))),
      element("tbody", {}, ...result.metrics.map((row) => element("tr", {},
        element("td", { text: row.label }),
        element("td", { class: "number", text: formatMetric(row.values[0], row.unit, first.end_year) }),
        element("td", { class: "number", text: formatMetric(row.values[row.values.length - 1], row.unit, (second || first).end_year) }),
        element("td", { class: "number", text: row.ratio === null ? "-" : `${row.ratio.toPrecision(3)}x` })))));
    const plot = element("div", { id: "comparison-chart" });
    root.replaceChildren(table, plot);
    await Plotly.newPlot(plot, result.chart.data, result.chart.layout, { displaylogo: false, responsive: true });
  } catch (error) {
    root.replaceChildren(element("p", { class: "error", text: error.message }));
  }
}

// ---- design panels ------------------------------------------------------------------------
// Unit suffixes of the API's keys (SI inside, the unit at the end of each name), longest first.
const KEY_UNITS = [["_usd_per_pflop_day", "USD/PFLOP-day"], ["_usd_per_kg", "USD/kg"], ["_usd_per_w", "USD/W"],
  ["_flops_per_s", "FLOP/s"], ["_flop_s", "FLOP/s"], ["_w_per_kg", "W/kg"], ["_w_kg", "W/kg"], ["_j_kg", "J/kg"],
  ["_kg_m2", "kg/m²"], ["_m_s2", "m/s²"], ["_m_s", "m/s"], ["_bit_s", "bit/s"], ["_per_s", "1/s"], ["_usd", "USD"],
  ["_kg", "kg"], ["_w", "W"], ["_j", "J"], ["_m2", "m²"], ["_m3", "m³"], ["_m", "m"], ["_s", "s"], ["_k", "K"],
  ["_deg", "deg"], ["_gy", "Gy"], ["_fraction", ""], ["_count", ""]];
const PREFIXED = new Set(["W", "J", "FLOP/s", "bit/s", "m", "J/kg"]);

function labelAndUnit(key) {
  for (const [suffix, unit] of KEY_UNITS) {
    if (key.endsWith(suffix) && key.length > suffix.length) return [key.slice(0, -suffix.length).replaceAll("_", " "), unit];
  }
  return [key.replaceAll("_", " "), ""];
}

function valueText(key, value, unit) {
  if (typeof value !== "number") return value === null || value === undefined ? "-" : String(value);
  if (!Number.isFinite(value)) return "none";
  if (key.includes("breakeven") && value < 0) return "none (below zero)";
  if (unit === "USD") return usd(value);
  if (PREFIXED.has(unit)) return si(value, unit);
  const number = Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(3)
    : Number(value.toPrecision(4)).toLocaleString();
  return unit ? `${number} ${unit}` : number;
}

function keyValueTable(data) {
  const rows = Object.entries(data).filter(([, v]) => typeof v !== "object" || v === null);
  return element("table", { class: "key-values" }, element("tbody", {}, ...rows.map(([key, value]) => {
    const [label, unit] = labelAndUnit(key);
    return element("tr", {}, element("td", { text: label }), element("td", { class: "number", text: valueText(key, value, unit) }));
  })));
}

function designForm(formId, endpoint, resultId, render) {
  $(formId).addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(event.target).entries());
    for (const key of ["count", "days"]) if (key in body) body[key] = Number(body[key]);
    if (formId === "#massdriver-form") {
      if (state.mode === "toml") body.toml = $("#toml").value; else body.scenario = state.scenario;
    }
    const result = $(resultId);
    result.replaceChildren(element("p", { class: "muted", text: "Working..." }));
    try {
      const data = await api(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      result.replaceChildren(keyValueTable(data));
      if (render) render(data);
    } catch (error) {
      result.replaceChildren(element("p", { class: error.status === 501 ? "muted" : "error", text: error.message }));
    }
  });
}

const FATE_COLORS = { heliocentric: "#009E73", earth_moon_bound: "#0072B2", lunar_impact: "#E69F00", earth_impact: "#D55E00" };
const TRAJECTORY_FRAMES = {
  rotating: { label: "Earth-Moon rotating frame (x towards the Moon)", unit: "km", path: (p) => p.rotating_km },
  inertial: { label: "Earth-centred inertial (ICRF)", unit: "km", path: (p) => ({ x: p.x_km, y: p.y_km, z: p.z_km }) },
  heliocentric: { label: "Heliocentric (ICRF, around the Sun)", unit: "AU", path: (p) => p.heliocentric_au },
};

function trajectoryTraces(data, frame) {
  const spec = TRAJECTORY_FRAMES[frame];
  const shown = new Set();
  const traces = (data.paths || []).map((path) => {
    const first = !shown.has(path.fate);
    shown.add(path.fate);
    return { type: "scatter3d", mode: "lines", ...spec.path(path), name: path.fate.replaceAll("_", " "),
      legendgroup: path.fate, showlegend: first, line: { width: 3, color: FATE_COLORS[path.fate] || "#7f7f7f" } };
  });
  const marker = (name, point, color, size) => ({ type: "scatter3d", mode: "markers+text", x: [point[0]], y: [point[1]], z: [point[2]],
    name, text: [name], textposition: "top center", marker: { size, color } });
  const last = (p) => [p.x[p.x.length - 1], p.y[p.y.length - 1], p.z[p.z.length - 1]];
  if (frame === "rotating") {
    const moon = data.rotating.moon_km;
    traces.push(marker("Earth", [0, 0, 0], "#0072B2", 6), marker("Moon", last(moon), "#999999", 4));
    const reach = 1.3 * Math.abs(moon.x[0]);
    const sun = data.rotating.sun_direction;
    traces.push({ type: "scatter3d", mode: "lines+text", x: [0, reach * sun[0]], y: [0, reach * sun[1]], z: [0, reach * sun[2]],
      name: "Sun direction at firing", text: ["", "Sun"], line: { width: 4, color: "#F0E442", dash: "dash" } });
  } else if (frame === "inertial") {
    const moon = data.moon_km;
    traces.push({ type: "scatter3d", mode: "lines", x: moon.x_km, y: moon.y_km, z: moon.z_km, name: "Moon's path", line: { width: 2, color: "#999", dash: "dot" } });
    traces.push(marker("Earth", [0, 0, 0], "#0072B2", 6));
  } else {
    const earth = data.heliocentric.earth_au;
    traces.push({ type: "scatter3d", mode: "lines", ...earth, name: "Earth's path", line: { width: 3, color: "#0072B2" } });
    traces.push(marker("Sun", [0, 0, 0], "#E69F00", 8), marker("Earth", last(earth), "#0072B2", 5));
  }
  return traces;
}

function drawTrajectories(data, frame) {
  const spec = TRAJECTORY_FRAMES[frame];
  const axis = (name) => ({ title: { text: `${name} [${spec.unit}]` } });
  Plotly.react($("#trajectory-plot"), trajectoryTraces(data, frame), {
    height: 540, margin: { l: 0, r: 0, t: 30, b: 0 }, paper_bgcolor: "white", title: { text: spec.label, font: { size: 13 } },
    legend: { orientation: "h", x: 0, y: 0, yanchor: "top" },  // below the plot, clear of the toolbar
    scene: { aspectmode: frame === "heliocentric" ? "cube" : "data", xaxis: axis("x"), yaxis: axis("y"), zaxis: axis("z") },
  }, { displaylogo: false, responsive: true });
}

function renderTrajectories(data) {
  const fractions = Object.entries(data.fate_fractions || {}).map(([fate, f]) => `${fate.replaceAll("_", " ")} ${Math.round(100 * f)} %`).join(" · ");
  const select = element("select", { id: "trajectory-frame", "aria-label": "Frame" },
    ...Object.entries(TRAJECTORY_FRAMES).map(([key, spec]) => element("option", { value: key, text: spec.label })));
  select.addEventListener("change", () => drawTrajectories(data, select.value));
  $("#trajectory-result").replaceChildren(element("p", { text: `${data.count} payloads: ${fractions}` }),
    element("label", { class: "row" }, document.createTextNode("Frame "), select));
  drawTrajectories(data, "rotating");
}

// ---- run options ----------------------------------------------------------------------------
function checkSamples() {
  const samples = Number($("#samples").value);
  const note = $("#samples-note");
  const uncertain = state.scenario && state.scenario.uncertainty && Object.keys(state.scenario.uncertainty).length > 0;
  let problem = "";
  let warning = "";
  if (!Number.isInteger(samples) || samples < 1) problem = "Samples must be a whole number from 1 to 100.";
  else if (samples > 100) problem = `Samples = ${samples}: the explorer runs at most 100; use moonbase run --samples ${samples} for more.`;
  else if (samples > 1 && !uncertain && state.mode === "form") {
    warning = `This scenario has no uncertain field: all ${samples} samples would be identical. Pick alpha-uncertain, or add one under "uncertainty" in the form.`;
  }
  note.className = problem ? "error small" : "muted small";
  note.textContent = problem || warning;
  state.samplesProblem = Boolean(problem);
  $("#run").disabled = state.samplesProblem || (state.mode === "form" && state.errors.size > 0);
}

// Once a preset is edited, its name changes too, so the runs list tells them apart.
function renameEdited(field) {
  if (field.path === "name" || !state.presetName || state.scenario.name !== state.presetName) return;
  state.scenario.name = `${state.presetName}-edited`;
  $("#field-name").value = state.scenario.name;
}

// ---- claims ---------------------------------------------------------------------------------
const VERDICT_CLASS = { "consistent": "ok", "optimistic": "warn", "not by 2100": "bad",
                        "physically impossible": "bad", "unverifiable": "muted" };

async function loadClaims() {
  $("#load-claims").disabled = true;
  $("#claims-status").textContent = "Evaluating every claim with the model (a few seconds)...";
  try {
    const entries = await api("/api/claims");
    $("#claims-table tbody").replaceChildren(...entries.map(claimRow));
    $("#claims-status").textContent = `${entries.length} claims.`;
  } catch (error) {
    $("#claims-status").textContent = error.message;
  } finally {
    $("#load-claims").disabled = false;
  }
}

function claimRow(entry) {
  const open = element("button", { type: "button", class: "small-button", text: "Open run",
                                   dataset: { scenario: entry.scenario } });
  open.addEventListener("click", () => openClaim(entry));
  const claimed = `${entry.claimed_value} ${entry.unit}`.trim();
  return element("tr", { dataset: { id: entry.id, verdict: entry.verdict } },
    element("td", { title: entry.claim, text: entry.id }), element("td", { text: claimed }),
    element("td", { class: `verdict ${VERDICT_CLASS[entry.verdict] || ""}`, text: entry.verdict }),
    element("td", { class: "small", text: entry.why }), element("td", {}, open));
}

async function openClaim(entry) {
  const select = $("#preset");
  if (![...select.options].some((o) => o.value === entry.scenario)) {
    setStatus(`The scenario ${entry.scenario} is not a preset of this server.`, { failed: true });
    return;
  }
  select.value = entry.scenario;
  await loadPreset(entry.scenario);
  if (state.mode !== "form") await setMode("form");
  $("#samples").value = String(Math.min(Math.max(entry.model.samples || 1, 1), 16));
  checkSamples();
  if (/W\/yr$/.test(entry.unit)) $("#target").value = `${entry.claimed_value} ${entry.unit}`;
  await startRun();
}

// ---- start-up -----------------------------------------------------------------------------
async function main() {
  state.fields = await api("/api/schema");
  state.byPath = new Map(state.fields.map((field) => [field.path, field]));
  buildForm();
  const presets = await api("/api/presets");
  const select = $("#preset");
  select.replaceChildren(...presets.map((p) => element("option", { value: p.name, text: p.name })));
  select.addEventListener("change", () => loadPreset(select.value));
  await loadPreset(select.value || "alpha");
  $("#tab-form").addEventListener("click", () => setMode("form"));
  $("#tab-toml").addEventListener("click", () => setMode("toml"));
  $("#toml-check").addEventListener("click", checkToml);
  $("#run").addEventListener("click", startRun);
  $("#samples").addEventListener("input", checkSamples);
  $("#target").addEventListener("change", async () => {
    const info = state.currentRunInfo;
    if (!info) return;
    const target = await showTarget(info.run, info.endYear);
    if (target) $("#headline").replaceChildren(...targetMetrics(target, info.endYear), ...[...$("#headline").children].slice(2));
  });
  $("#refresh-runs").addEventListener("click", refreshRuns);
  $("#compare").addEventListener("click", compareRuns);
  $("#load-claims").addEventListener("click", loadClaims);
  designForm("#massdriver-form", "/api/massdriver/design", "#massdriver-result");
  designForm("#trajectory-form", "/api/trajectories/ensemble", "#trajectory-result", renderTrajectories);
  designForm("#satellite-form", "/api/satellite/design", "#satellite-result");
  await refreshRuns();
  document.body.dataset.ready = "true";
}

window.addEventListener("DOMContentLoaded", () => {
  main().catch((error) => setStatus(`Could not start: ${error.message}`, { failed: true }));
});
