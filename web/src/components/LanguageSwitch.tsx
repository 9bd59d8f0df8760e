import { Segmented } from 'antd';
import { useI18n } from '../i18n/I18nContext';
import type { Lang } from '../i18n/messages';

/** Switches the UI between Chinese and English. */
export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
