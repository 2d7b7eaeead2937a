// The minutes editor: add agreed items, move them up and down, and filter the co-unit checkboxes.
// Without this script the form still works: three blank items, order numbers, plain checkboxes.
(function () {
  "use strict";

  var form = document.querySelector("form.minutes-editor");
  if (!form) {
    return;
  }
  var list = form.querySelector("[data-item-forms]");
  var template = form.querySelector("template[data-empty-item-form]");
  var total = form.querySelector("input[name$='-TOTAL_FORMS']");
  var addButton = form.querySelector("[data-add-item]");

  function rows() {
    return Array.prototype.slice.call(list.querySelectorAll("[data-item-form]"));
  }

  // The server keeps the items in the order of these numbers, so they follow the rows on screen.
  function renumber() {
    rows().forEach(function (row, index) {
      var order = row.querySelector("input.item-order");
      if (order) {
        order.value = index + 1;
      }
    });
  }

  function setUpFilter(picker) {
    var box = picker.querySelector("[data-unit-filter]");
    var input = box.querySelector("input");
    var options = Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox]"));
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      options.forEach(function (checkbox) {
        var label = checkbox.closest("label") || checkbox.parentNode;
        var shown = !wanted || checkbox.checked || label.textContent.toLowerCase().indexOf(wanted) !== -1;
        (label.parentNode.tagName === "DIV" ? label.parentNode : label).hidden = !shown;
      });
    });
    // Enter in the filter box narrows the list; it must not send the form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  }

  function setUpRow(row) {
    var move = row.querySelector("[data-move]");
    var order = row.querySelector("input.item-order");
    if (move && order) {
      move.hidden = false;
      order.closest(".field").hidden = true;
      move.querySelector("[data-move-up]").addEventListener("click", function () {
        var before = row.previousElementSibling;
        if (before) {
          list.insertBefore(row, before);
          renumber();
          this.focus();
        }
      });
      move.querySelector("[data-move-down]").addEventListener("click", function () {
        var after = row.nextElementSibling;
        if (after) {
          list.insertBefore(after, row);
          renumber();
          this.focus();
        }
      });
    }
    var remove = row.querySelector("input[name$='-DELETE']");
    if (remove) {
      remove.addEventListener("change", function () {
        row.classList.toggle("item-form--removed", remove.checked);
      });
    }
    row.querySelectorAll("[data-unit-picker]").forEach(setUpFilter);
  }

  function addRow() {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("ol");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    list.appendChild(row);
    total.value = index + 1;
    setUpRow(row);
    renumber();
    var first = row.querySelector("input[type=text], textarea");
    if (first) {
      first.focus();
    }
  }

  rows().forEach(setUpRow);
  renumber();
  if (addButton && template && total) {
    addButton.hidden = false;
    addButton.querySelector("button").addEventListener("click", addRow);
  }
})();
