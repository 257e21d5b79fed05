// "Add a line" for a Django formset: a copy of the formset's empty form (its <template id="PREFIX-empty">),
// numbered as the next form, and the management form's TOTAL_FORMS raised, so that more lines can be typed
// before anything is saved. Without scripts the page says to save to get more lines.
document.querySelectorAll("[data-formset-add]").forEach((button) => {
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-empty`);
  const forms = document.getElementById(`${prefix}-forms`);
  if (!total || !template || !forms) return;
  button.classList.remove("d-none");
  button.addEventListener("click", () => {
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", index).replaceAll("__number__", index + 1);
    forms.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    forms.lastElementChild.querySelector("input, select, textarea")?.focus();
  });
});
