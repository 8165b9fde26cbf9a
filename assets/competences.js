// Competence fields (ui.competence_field): a comma-separated list whose suggestions are the
// profiles' vocabulary (a <datalist>, rendered by the page). The browser compares the whole
// value with the suggestions, so after a comma nothing would fit any more: while typing, the
// field uses a list of its own whose entries are the items typed so far followed by each
// vocabulary entry that fits the item being typed (and is not chosen yet).
(function () {
  "use strict";
  var MAX = 40;

  function own(input) {
    var id = input.dataset.competences + "-typed";
    var list = document.getElementById(id);
    if (!list) {
      list = document.createElement("datalist");
      list.id = id;
      document.body.appendChild(list);
    }
    return list;
  }

  function refresh(input) {
    var source = document.getElementById(input.dataset.competences);
    if (!source) return;
    var value = input.value;
    var cut = value.lastIndexOf(",") + 1;
    var head = value.slice(0, cut);
    var rest = value.slice(cut);
    var space = rest.match(/^\s*/)[0];
    if (cut > 0 && rest === "") space = " ";
    var typing = rest.trim().toLocaleLowerCase();
    var chosen = head.split(",").map(function (item) {
      return item.trim().toLocaleLowerCase();
    });
    var list = own(input);
    var options = [];
    Array.prototype.forEach.call(source.options, function (option) {
      var tag = option.value;
      var folded = tag.toLocaleLowerCase();
      if (options.length >= MAX || chosen.indexOf(folded) >= 0) return;
      if (typing && folded.indexOf(typing) < 0) return;
      var entry = document.createElement("option");
      entry.value = head + space + tag;
      options.push(entry);
    });
    list.replaceChildren.apply(list, options);
    if (input.getAttribute("list") !== list.id) input.setAttribute("list", list.id);
  }

  function handle(event) {
    var input = event.target;
    if (input && input.matches && input.matches("input[data-competences]")) refresh(input);
  }

  document.addEventListener("input", handle);
  document.addEventListener("focusin", handle);
})();
