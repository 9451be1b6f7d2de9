/* hadath live page: map + filterable table + evidence view, updated by Server-Sent Events.
 * Data: /api/events (summary rows), /api/events/<id> (record + highlighted article segments),
 * /api/stream (SSE "events": rows of each batch the sink committed). No network beyond this server,
 * except the optional basemap tiles, used only when a probe tile loads. */
(function () {
  "use strict";

  const TYPE_COLORS = {
    AGREE: "#1b9e77", CONSULT: "#66c2a5", SUPPORT: "#a6d854", CONCEDE: "#4daf4a",
    COOPERATE: "#377eb8", AID: "#80b1d3", RETREAT: "#8da0cb", REQUEST: "#c9b37a",
    ACCUSE: "#fdb462", REJECT: "#ff7f00", THREATEN: "#e78ac3", PROTEST: "#e6c229",
    SANCTION: "#b15928", MOBILIZE: "#984ea3", COERCE: "#6a3d9a", ASSAULT: "#e41a1c",
  };
  const ROLE_LABELS = { trigger: "trigger", actor: "actor", target: "target", location: "location",
    date: "date", source: "source", evidence: "evidence" };
  const MAX_ROWS = 500;

  const events = new Map();   // event_id → summary row
  const markers = new Map();  // event_id → Leaflet circle marker
  let selectedId = null;
  let map, markerLayer;

  const $ = (sel) => document.querySelector(sel);
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };

  // --- map --------------------------------------------------------------------------------
  function hash(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }

  function markerPosition(row) {
    // Events geocoded to a country or a region share its centre: spread them a little, the same
    // way on every load (from the id), so they don't hide each other.
    const spread = { country: 0.6, region: 0.3, admin1: 0.25, city: 0.03, point: 0 }[row.location_precision] ?? 0.1;
    const h = hash(row.event_id);
    const angle = (h % 360) * Math.PI / 180, radius = spread * (0.25 + ((h >>> 9) % 100) / 133);
    return [row.location_lat + radius * Math.sin(angle), row.location_lon + radius * Math.cos(angle)];
  }

  function markerRadius(row) {
    return 5 + 4 * Math.log2(Math.max(1, row.corroboration || 1));
  }

  function initMap(config) {
    map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5, preferCanvas: false }).setView([30, 40], 4);
    map.attributionControl.setPrefix(false);
    const outlines = fetch("/static/vendor/countries-110m.json").then((r) => r.json()).then((topology) => {
      const countries = topojson.feature(topology, topology.objects.countries);
      return L.geoJSON(countries, {
        style: { color: "#8a96a8", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
    });
    markerLayer = L.layerGroup().addTo(map);
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const box = el("div", { class: "legend" });
      for (const [type, color] of Object.entries(TYPE_COLORS)) {
        box.append(el("div", {}, el("span", { class: "chip", style: `background:${color}` }), type));
      }
      box.append(el("div", { text: "size: outlets reporting" }));
      return box;
    };
    legend.addTo(map);
    probeTiles(config).then((ok) => {
      if (ok) {
        L.tileLayer(config.tiles_url, { attribution: config.tiles_attribution, maxZoom: 18 }).addTo(map);
        outlines.then((layer) => layer.setStyle({ fillOpacity: 0, weight: 0.6 }));
        document.body.dataset.basemap = "tiles";
      } else {
        document.body.dataset.basemap = "outlines";
        map.attributionControl.addAttribution("Natural Earth via world-atlas (offline outlines)");
      }
    });
  }

  function probeTiles(config) {
    // One tile, with a time limit: if it doesn't load, keep the offline outlines only.
    return new Promise((resolve) => {
      if (!config.tiles_url) { resolve(false); return; }
      const img = new Image();
      const timer = setTimeout(() => { img.src = ""; resolve(false); }, config.probe_timeout_ms || 3000);
      img.onload = () => { clearTimeout(timer); resolve(true); };
      img.onerror = () => { clearTimeout(timer); resolve(false); };
      img.src = config.tiles_url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0");
    });
  }

  function upsertMarker(row) {
    const old = markers.get(row.event_id);
    if (old) { markerLayer.removeLayer(old); markers.delete(row.event_id); }
    if (row.location_lat === null || row.location_lon === null || row.location_lat === undefined) return;
    const color = TYPE_COLORS[row.event_type] || "#555";
    const marker = L.circleMarker(markerPosition(row), {
      radius: markerRadius(row), color: "#222", weight: 1, fillColor: color, fillOpacity: 0.8,
      className: `ev-marker t-${row.event_type} m-${row.event_id}${row.event_id === selectedId ? " selected" : ""}`,
    });
    marker.bindTooltip(`${row.event_type}${row.mode ? " / " + row.mode : ""} — ${row.location_name || ""}`);
    marker.on("click", () => select(row.event_id));
    markers.set(row.event_id, marker);
  }

  // --- filters and table ---------------------------------------------------------------------
  function filters() {
    return {
      type: $("#f-type").value, country: $("#f-country").value.trim().toUpperCase(),
      from: $("#f-from").value, to: $("#f-to").value, actor: $("#f-actor").value.trim().toLowerCase(),
    };
  }

  function matches(row, f) {
    // The same rules as EventFilter in hadath/subscribers/store.py.
    if (f.type && row.event_type !== f.type) return false;
    if (f.country && ![row.location_country, row.actor_country, row.target_country].includes(f.country)) return false;
    const day = shownDate(row);
    if (f.from && !(day && day >= f.from)) return false;
    if (f.to && !(day && day <= f.to)) return false;
    if (f.actor) {
      const hay = [row.actor_name, row.actor_text, row.target_name, row.target_text].filter(Boolean).join(" ").toLowerCase();
      if (!hay.includes(f.actor)) return false;
    }
    return true;
  }

  function shownDate(row) {
    // The event's own date, else the first article's publication date (when the store has it).
    return row.event_date || row.published_date || "";
  }

  function participant(name, text) {
    if (!name && !text) return "";
    return name || text;
  }

  function renderTable(fresh) {
    const f = filters();
    const rows = [...events.values()].filter((r) => matches(r, f))
      .sort((a, b) => (b.updated_at || "").localeCompare(a.updated_at || "") || a.event_id.localeCompare(b.event_id));
    const body = el("tbody");
    for (const row of rows.slice(0, MAX_ROWS)) {
      const tr = el("tr", { "data-event-id": row.event_id, class: [row.event_id === selectedId ? "selected" : "",
        fresh && fresh.has(row.event_id) ? "new" : ""].join(" ").trim() || null });
      tr.append(
        row.event_date ? el("td", { text: row.event_date })
          : el("td", { class: "pubdate", title: "no date in the text: publication date", text: row.published_date || "" }),
        el("td", {}, el("span", { class: "chip", style: `background:${TYPE_COLORS[row.event_type] || "#555"}` }), row.event_type),
        el("td", { text: row.mode || "" }),
        el("td", { dir: "auto", title: row.actor_text || "", text: participant(row.actor_name, row.actor_text) }),
        el("td", { dir: "auto", title: row.target_text || "", text: participant(row.target_name, row.target_text) }),
        el("td", { dir: "auto", title: row.location_text || "", text: row.location_name || "" }),
        el("td", { text: row.location_country || "" }),
        el("td", { text: row.killed ?? "" }),
        el("td", { text: row.injured ?? "" }),
        el("td", { text: row.corroboration }),
        el("td", { text: row.modality }),
      );
      tr.addEventListener("click", () => select(row.event_id));
      body.append(tr);
    }
    $("#events tbody").replaceWith(body);
    const visible = new Set(rows.map((r) => r.event_id));
    for (const [id, marker] of markers) {
      if (visible.has(id)) { if (!markerLayer.hasLayer(marker)) marker.addTo(markerLayer); }
      else if (markerLayer.hasLayer(marker)) markerLayer.removeLayer(marker);
    }
    $("#shown").textContent = `${rows.length} of ${events.size} events` + (rows.length > MAX_ROWS ? ` (table: newest ${MAX_ROWS})` : "");
    document.body.dataset.eventCount = String(events.size);
  }

  function refreshFilterChoices() {
    const types = new Set([...events.values()].map((r) => r.event_type));
    const select = $("#f-type");
    const current = new Set([...select.options].map((o) => o.value));
    for (const type of [...types].sort()) if (!current.has(type)) select.append(el("option", { value: type, text: type }));
    const countries = new Set();
    for (const r of events.values()) for (const c of [r.location_country, r.actor_country, r.target_country]) if (c) countries.add(c);
    const list = $("#countries");
    list.replaceChildren(...[...countries].sort().map((c) => el("option", { value: c })));
  }

  const publishedDates = new Map();  // article id → publication date seen in the loaded rows

  function upsert(rows, fresh) {
    for (const row of rows) {
      if (row.published_date) publishedDates.set(row.first_article_id, row.published_date);
      else if (publishedDates.has(row.first_article_id)) row.published_date = publishedDates.get(row.first_article_id);
      const old = events.get(row.event_id);
      if (old && !row.first_seen_at) row.first_seen_at = old.first_seen_at;
      events.set(row.event_id, row);
      upsertMarker(row);
    }
    refreshFilterChoices();
    renderTable(fresh);
    if (selectedId && fresh && fresh.has(selectedId)) select(selectedId);
  }

  // --- detail ----------------------------------------------------------------------------------
  function describe(p) {
    if (!p) return null;
    const bits = [p.name, p.kind, p.country].filter(Boolean).join(" · ");
    return el("span", {}, bits + " ", p.text ? el("bdi", { lang: "ar", dir: "rtl", text: `«${p.text}»` }) : null);
  }

  async function select(eventId) {
    selectedId = eventId;
    for (const tr of document.querySelectorAll("#events tbody tr")) tr.classList.toggle("selected", tr.dataset.eventId === eventId);
    for (const [id, marker] of markers) {
      const node = marker.getElement && marker.getElement();
      if (node) node.classList.toggle("selected", id === eventId);
    }
    const response = await fetch(`/api/events/${encodeURIComponent(eventId)}`);
    if (!response.ok || selectedId !== eventId) return;
    renderDetail(await response.json());
  }

  function renderDetail(detail) {
    const ev = detail.event;
    const box = el("div", { id: "event-detail", "data-event-id": ev.event_id });
    box.append(el("h2", {}, el("span", { class: "chip", style: `background:${TYPE_COLORS[ev.event_type] || "#555"}` }),
      `${ev.event_type}${ev.mode ? " / " + ev.mode : ""}`, el("small", { text: `  CAMEO ${ev.cameo} · quad ${ev.quad_class}` })));
    const dl = el("dl");
    const add = (label, value) => { if (value !== null && value !== undefined && value !== "") dl.append(el("dt", { text: label }), el("dd", {}, value)); };
    add("event id", ev.event_id);
    add("date", ev.date && ev.date.value ? `${ev.date.value} (${ev.date.precision})` : `(${ev.date ? ev.date.precision : "unknown"})`);
    add("actor", describe(ev.actor));
    add("target", describe(ev.target));
    add("location", ev.location ? el("span", {}, [ev.location.name, ev.location.admin1, ev.location.country, ev.location.precision].filter(Boolean).join(" · ") + " ",
      el("bdi", { lang: "ar", dir: "rtl", text: `«${ev.location.text}»` })) : null);
    add("source", describe(ev.source));
    add("killed", ev.killed);
    add("injured", ev.injured);
    add("modality", ev.modality);
    add("confidence", ev.confidence);
    add("outlets", `${ev.corroboration}: ${(ev.outlets || []).join(", ")}`);
    add("articles", detail.linked_article_ids.join(", "));
    box.append(dl);

    const article = detail.article;
    const heading = article ? (article.title || article.article_id) : ev.article_ids[0];
    box.append(el("h3", { dir: "auto", text: heading }));
    if (article && (article.url || article.published_at || article.source)) {
      box.append(el("div", {}, [article.source, article.published_at].filter(Boolean).join(" · ") + " ",
        article.url ? el("a", { href: article.url, rel: "noreferrer", target: "_blank", text: "link" }) : null));
    }
    if (detail.text_origin === "evidence") {
      box.append(el("p", { class: "warn", text: "The article text is not in the store (the sink did not see it on the articles topic): showing the evidence sentence." }));
    }
    const bad = detail.spans.filter((s) => s.ok === false);
    if (bad.length) box.append(el("p", { class: "warn", text: `spans that don't match the text: ${bad.map((s) => s.role).join(", ")}` }));
    const legend = el("div", { class: "legend-roles" });
    for (const role of ["trigger", "actor", "target", "location", "date", "source", "evidence"]) {
      if (detail.spans.some((s) => s.role === role && s.ok)) legend.append(el("span", { class: `r-${role}`, text: ROLE_LABELS[role] }));
    }
    box.append(legend);
    const text = el("div", { id: "article", dir: "rtl", lang: "ar" });
    for (const seg of detail.segments) {
      if (!seg.roles.length) { text.append(seg.text); continue; }
      text.append(el("span", { class: "seg " + seg.roles.map((r) => "r-" + r).join(" "), "data-roles": seg.roles.join(" "),
        "data-start": seg.start, title: seg.roles.join(", "), text: seg.text }));
    }
    box.append(text);
    $("#detail").replaceChildren(box);
    const first = text.querySelector(".r-trigger");
    if (first) text.scrollTop = Math.max(0, first.offsetTop - text.clientHeight / 3);
  }

  // --- live updates ----------------------------------------------------------------------------
  function connect() {
    const live = $("#live");
    const source = new EventSource("/api/stream");
    source.addEventListener("open", () => { live.textContent = "live"; live.className = "live on"; });
    source.addEventListener("error", () => { live.textContent = "reconnecting…"; live.className = "live off"; });
    source.addEventListener("events", (message) => {
      const rows = JSON.parse(message.data);
      upsert(rows, new Set(rows.map((r) => r.event_id)));
      updateStats();
    });
    source.addEventListener("reload", () => load());
  }

  async function updateStats() {
    const response = await fetch("/api/health");
    if (!response.ok) return;
    const health = await response.json();
    $("#stats").textContent = `${health.counts.events} events · ${health.counts.articles} articles in ${health.store}`;
  }

  let fitted = false;

  async function load() {
    const rows = await (await fetch("/api/events?limit=5000")).json();
    upsert(rows, null);
    updateStats();
    if (!fitted && markers.size) {
      // First load: frame the events (not closer than a country view).
      fitted = true;
      const bounds = L.latLngBounds([...markers.values()].map((m) => m.getLatLng()));
      map.fitBounds(bounds.pad(0.6), { maxZoom: 5 });
    }
  }

  async function main() {
    const config = await (await fetch("/api/config")).json();
    initMap(config);
    for (const id of ["#f-type", "#f-country", "#f-from", "#f-to", "#f-actor"]) $(id).addEventListener("input", () => renderTable(null));
    $("#f-clear").addEventListener("click", () => { $("#filters").reset(); renderTable(null); });
    connect();
    await load();
    document.body.dataset.ready = "1";
  }

  main();
})();
