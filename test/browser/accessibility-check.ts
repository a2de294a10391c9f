/// <reference lib="dom" />
/**
 * The admin's keyboard and label rule, checked in the page: every visible control has an accessible name
 * and is reachable with Tab. Shared by the admin pages' suite and the server's own pages (/, /sandbox).
 */
import type { Page } from 'playwright-core';

interface Finding {
  readonly element: string;
  readonly problem: string;
}

/** Interactive elements without an accessible name, or that the keyboard cannot reach. */
export function unlabelledOrUnreachable(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    const findings: { element: string; problem: string }[] = [];
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}" ${element.outerHTML.slice(0, 160)}`;
    const nameOf = (element: HTMLElement): string => {
      const labelledBy = element.getAttribute('aria-labelledby');
      const fromIds = labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '';
      const labels =
        'labels' in element && element.labels
          ? [...(element.labels as NodeListOf<HTMLLabelElement>)]
              .map((label) => label.textContent ?? '')
              .join(' ')
          : '';
      return [
        element.getAttribute('aria-label') ?? '',
        fromIds,
        labels,
        element.title,
        element.textContent ?? '',
      ]
        .join(' ')
        .trim();
    };
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=checkbox], [role=combobox], [role=tab]',
    );
    for (const control of controls) {
      const style = getComputedStyle(control);
      if (
        style.display === 'none' ||
        style.visibility === 'hidden' ||
        control.closest('[hidden],[aria-hidden=true]')
      )
        continue;
      const isText = control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement;
      const name =
        isText || control instanceof HTMLSelectElement
          ? nameOf(control).replace(control.textContent ?? '', '')
          : nameOf(control);
      if (
        name.trim() === '' &&
        !(isText && control.getAttribute('placeholder') && nameOf(control).trim() !== '')
      ) {
        findings.push({ element: describe(control), problem: 'no accessible name' });
      }
      const disabled =
        (control as HTMLButtonElement).disabled === true || control.getAttribute('aria-disabled') === 'true';
      if (!disabled && control.tabIndex < 0)
        findings.push({ element: describe(control), problem: 'not reachable by Tab' });
    }
    return findings;
  });
}
