// The canned reply picker of an admin conversation (templates/conversations/admin/thread.html):
// choosing a reply inserts its text at the caret of the reply box.
(function () {
  "use strict";
  document.querySelectorAll("select[data-canned-target]").forEach(function (select) {
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      var box = document.getElementById(select.dataset.cannedTarget);
      if (!option || !option.dataset.body || !box) return;
      var text = option.dataset.body;
      var start = box.selectionStart || 0;
      var end = box.selectionEnd || 0;
      var before = box.value.slice(0, start);
      var after = box.value.slice(end);
      var glue = before && !before.endsWith("\n") ? "\n" : "";
      box.value = before + glue + text + after;
      var caret = (before + glue + text).length;
      box.focus();
      box.setSelectionRange(caret, caret);
      select.selectedIndex = 0;
    });
  });
})();
