// A speaker's voice picker lists the voices that can speak on this computer, and one last entry that
// goes where more are got. Before, the 59 Kokoro and Pocket TTS voices waiting for a download were
// listed in every picker as "(unavailable)".
import { test, expect, typeScript } from './harness';

test('voice pickers list the voices that can speak, and one entry that gets more', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, 'Anna: Hello there.');
  const picker = page.getByTestId('voice-picker-Anna');
  await expect(picker.locator('option[value^="espeak:"]').first()).toBeAttached();
  await expect(picker.locator('option', { hasText: '(unavailable)' })).toHaveCount(0);
  await expect(picker.locator('option[value^="kokoro:"]')).toHaveCount(0);
  await expect(picker.locator('option', { hasText: /^Get more voices… \(\d+ to download\)$/ })).toHaveCount(1);
  const before = await picker.inputValue();

  await picker.selectOption({ label: (await picker.locator('option', { hasText: 'Get more voices…' }).textContent())! });
  await expect(page.getByTestId('nav-models')).toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: test.info().outputPath('voice-picker-more.png') });
  // Choosing the entry changed no speaker's voice.
  await page.getByTestId('nav-script').click();
  await expect(page.getByTestId('voice-picker-Anna')).toHaveValue(before);
});
