// The search page: a form over the Pagefind index built with the site (pagefind/ beside static/).
// The form stays hidden until the index has loaded; without JavaScript the page shows links to the indexes.
// The query and the filters live in the address (?q=...&speaker=...), so a search can be shared and reloaded.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-q");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const more = document.querySelector(".search-more");
const FILTERS = ["kind", "speaker", "tag", "year"];
const PAGE = 10;
let results = [];
let shown = 0;
let ticket = 0;
let timer = null;
let listed = null; // the query and filters of the search last run
// The form's addresses may be relative to this page (a site built without a host in base_url links
// relatively): made absolute against the page, as the import and Pagefind's result URLs need.
const bundle = new URL(form.dataset.bundle, document.baseURI).href;
const base = new URL(form.dataset.base, document.baseURI).pathname;

function chosen() {
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  return filters;
}

function remember(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  const search = params.toString();
  history.replaceState(null, "", search ? "?" + search : location.pathname);
}

async function show(count) {
  const batch = results.slice(shown, shown + count);
  const mine = ticket;
  const data = await Promise.all(batch.map((r) => r.data()));
  if (mine !== ticket) return;
  for (const item of data) {
    const li = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.meta.title || item.url;
    heading.append(link);
    li.append(heading);
    const meta = [item.filters.kind && item.filters.kind[0], item.meta.date].filter(Boolean);
    if (meta.length) {
      const p = document.createElement("p");
      p.className = "meta";
      p.textContent = meta.join(" · ");
      li.append(p);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.innerHTML = item.excerpt; // Pagefind's own text, escaped, with <mark> around the words found
    li.append(excerpt);
    list.append(li);
  }
  shown += batch.length;
  more.hidden = shown >= results.length;
}

async function run(pagefind) {
  const query = input.value.trim();
  const filters = chosen();
  const asked = JSON.stringify([query, filters]);
  if (asked === listed) return; // the same search as the one listed: keep the list and the reader's place in it
  listed = asked;
  remember(query, filters);
  const mine = ++ticket;
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  const found = await pagefind.search(query || null, { filters });
  if (mine !== ticket) return;
  results = found.results;
  shown = 0;
  list.replaceChildren();
  const what = [query && `“${query}”`, ...Object.values(filters)].filter(Boolean).join(", ");
  status.textContent = results.length === 0 ? `Nothing found for ${what}.`
    : `${results.length} result${results.length === 1 ? "" : "s"} for ${what}.`;
  await show(PAGE);
}

function fill(select, counts) {
  const names = Object.keys(counts || {}).sort((a, b) => a.localeCompare(b));
  if (select.name === "year") names.reverse();
  for (const name of names) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${name} (${counts[name]})`;
    select.append(option);
  }
}

async function start() {
  let pagefind;
  try {
    pagefind = await import(bundle + "pagefind.js");
  } catch (error) {
    status.textContent = "Search is not available on this copy of the site: browse the indexes below.";
    return;
  }
  await pagefind.options({ baseUrl: base });
  // A large site's index comes in parts (pagefind/parts.json): searched as one, results and filter counts merged.
  try {
    const response = await fetch(bundle + "parts.json");
    const listed = response.ok ? await response.json() : { parts: [] };
    for (const part of listed.parts) await pagefind.mergeIndex(new URL(part, bundle).href, { baseUrl: base });
  } catch (error) {
    // An index without parts.json (made before parts existed) is one part.
  }
  const filters = await pagefind.filters();
  for (const name of FILTERS) fill(form.elements[name], filters[name]);
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const name of FILTERS) if (params.get(name)) form.elements[name].value = params.get(name);
  form.querySelector("fieldset").disabled = false;
  form.hidden = false;
  // Enter or a filter runs the search at once and cancels the typing's pending run: that run would list the same
  // results again a moment later, and take the focus from a reader already tabbing through them.
  const now = () => { clearTimeout(timer); run(pagefind); };
  form.addEventListener("submit", (event) => { event.preventDefault(); now(); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => run(pagefind), 200); });
  form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") now(); });
  more.querySelector("button").addEventListener("click", async () => {
    const next = list.children.length;
    await show(PAGE);
    const first = list.children[next] && list.children[next].querySelector("a");
    if (first) first.focus();
  });
  if (input.value || Object.keys(chosen()).length) await run(pagefind);
  input.focus();
}

start();
