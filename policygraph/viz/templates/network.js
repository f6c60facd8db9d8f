"use strict";
// Draws one policygraph map into `root` (a .pg-map element) from `data`.
// Document text reaches the page only through textContent: tooltips are
// elements built here, never HTML strings, so no text can run as code.
function policygraphMap(root, data) {
  const tip = (text) => {
    const el = document.createElement("div");
    el.className = "pg-tip";
    el.textContent = text;
    return el;
  };
  const nodes = new vis.DataSet(data.nodes.map((n) => ({ ...n, title: tip(n.title) })));
  const edges = new vis.DataSet(data.edges.map((e) => ({ ...e, title: tip(e.title) })));
  // Labels (and nodes with no relationship) the legend's switches hide; some start hidden.
  const hidden = new Set(data.hidden_labels || []);
  let hideIsolated = Boolean(data.hide_isolated);
  const view = new vis.DataView(nodes, {
    filter: (n) => !hidden.has(n.category) && !(hideIsolated && n.isolated),
  });
  const network = new vis.Network(
    root.querySelector(".pg-canvas"), { nodes: view, edges: edges }, data.options);
  network.policygraph = { ready: false, nodes: nodes, edges: edges, started: performance.now() };
  // A cascade names its bands (levels) at the left edge of the view.
  if (data.bands.length) {
    network.on("afterDrawing", (ctx) => {
      const left = network.DOMtoCanvas({ x: 8, y: 0 }).x;
      ctx.save();
      ctx.font = "bold 15px " + (data.options.nodes.font.face || "sans-serif");
      ctx.fillStyle = "#8a8a8a";
      ctx.textBaseline = "middle";
      data.bands.forEach((band) => ctx.fillText(band.label, left, band.y));
      ctx.restore();
    });
  }
  const done = () => {
    if (network.policygraph.ready) return;
    network.setOptions({ physics: false });
    // leave room around the outermost nodes for their labels
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.9, animation: false });
    network.policygraph.ready = true;
    network.policygraph.stabilizedMs = performance.now() - network.policygraph.started;
    root.dataset.ready = "true";
  };
  if (data.fixed) network.once("afterDrawing", done);
  else network.once("stabilizationIterationsDone", done);

  // The label filter: the legend's check boxes.
  root.querySelectorAll("input.pg-filter").forEach((box) => {
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(box.value);
      else hidden.add(box.value);
      view.refresh();
    });
  });

  const isolatedBox = root.querySelector("input.pg-isolated");
  if (isolatedBox) {
    isolatedBox.addEventListener("change", () => {
      hideIsolated = !isolatedBox.checked;
      view.refresh();
    });
  }

  // Save as PNG: the canvas as drawn now, on white (the canvas itself is transparent).
  const png = root.querySelector("button.pg-png");
  if (png) {
    png.addEventListener("click", () => {
      const drawn = root.querySelector(".pg-canvas canvas");
      const copy = document.createElement("canvas");
      copy.width = drawn.width;
      copy.height = drawn.height;
      const ctx = copy.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, copy.width, copy.height);
      ctx.drawImage(drawn, 0, 0);
      const link = document.createElement("a");
      link.download = (document.title || "policygraph") + ".png";
      link.href = copy.toDataURL("image/png");
      link.click();
    });
  }

  // The search box: names and aliases (not tooltips' sentences), substring match.
  const search = root.querySelector("input.pg-search");
  const found = root.querySelector(".pg-found");
  if (search) {
    const run = () => {
      const q = search.value.trim().toLowerCase();
      if (!q) { network.unselectAll(); found.textContent = ""; return; }
      const ids = view.getIds({
        filter: (n) => n.search.toLowerCase().includes(q),
      });
      found.textContent = ids.length + " found";
      network.selectNodes(ids);
      if (ids.length === 1) network.focus(ids[0], { scale: 1.3, animation: false });
      else if (ids.length > 1) network.fit({ nodes: ids, animation: false });
    };
    search.addEventListener("change", run);
    search.addEventListener("keydown", (ev) => { if (ev.key === "Enter") run(); });
  }
  return network;
}
