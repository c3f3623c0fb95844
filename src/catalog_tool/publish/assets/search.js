/* catalog-tool guide search: finds items by name, code or department as you type.
   Client-side over window.CATALOG_SEARCH (search-index.js, built with the site), so it
   works from file:// and from any static web server. Results are built with DOM text
   nodes only, never as HTML. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var data = window.CATALOG_SEARCH;
  if (!box || !input || !status || !list || !data) {
    return;
  }
  var limit = parseInt(box.getAttribute("data-limit"), 10) || 50;
  var rows = null;
  var timer = 0;

  /* Full-width letters and digits to ASCII, then lower case: ＡＢ１ finds ab1. */
  function fold(text) {
    return text.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).toLowerCase();
  }

  function build() {
    rows = [];
    var items = data.items;
    for (var i = 0; i + 2 < items.length; i += 3) {
      var key = data.keys[items[i]];
      var region = data.regions[items[i + 1]];
      var dept = items[i + 2] >= 0 ? data.departments[items[i + 2]] : "";
      rows.push({
        name: key[0], code: key[1], type: data.types[key[2]] || "",
        region: region[0], regionName: region[1], dept: dept,
        folded: fold(key[0]),
        text: fold(key[0] + "\n" + key[1] + "\n" + dept + "\n" + region[1])
      });
    }
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function show(row) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "items/" + row.region + "/" + row.code + ".html";
    link.textContent = row.name;
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = [row.code, row.regionName, row.dept, row.type].filter(Boolean).join(" · ");
    item.appendChild(link);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(meta);
    list.appendChild(item);
  }

  function search(query) {
    if (rows === null) {
      build();
    }
    var terms = fold(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    box.setAttribute("data-query", query); /* which query the results shown answer */
    if (terms.length === 0) {
      status.textContent = "";
      return;
    }
    var hits = [];
    for (var i = 0; i < rows.length; i++) {
      var text = rows[i].text;
      var all = true;
      for (var j = 0; j < terms.length && all; j++) {
        all = text.indexOf(terms[j]) >= 0;
      }
      if (all) {
        /* Names starting with the query first, then names containing it, then the rest. */
        var at = rows[i].folded.indexOf(terms[0]);
        hits.push([at === 0 ? 0 : at > 0 ? 1 : 2, i]);
      }
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    for (var k = 0; k < hits.length && k < limit; k++) {
      show(rows[hits[k][1]]);
    }
    if (hits.length === 0) {
      status.textContent = box.getAttribute("data-none");
    } else if (hits.length > limit) {
      status.textContent = format(box.getAttribute("data-more"), { n: hits.length, shown: limit });
    } else {
      status.textContent = format(box.getAttribute("data-found"), { n: hits.length });
    }
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search(input.value); }, 60);
  });
  if (input.value) {
    search(input.value); /* the browser kept the text after going back */
  }
}());
