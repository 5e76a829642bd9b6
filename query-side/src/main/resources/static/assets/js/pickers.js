// Pickers for ISO codes: countries (ISO 3166 alpha-2) and currencies (ISO 4217), each shown by its name in the
// current language (Intl.DisplayNames) with the code beside it, so nobody types codes by hand. The lists are the ones
// the server accepts: Java's ISO countries, and its currencies less the withdrawn ones and the non-money X codes.
import { h, t } from './ui.js';
import { locale } from './i18n.js';

const COUNTRIES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT ' +
  'BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ' +
  'ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT ' +
  'HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS ' +
  'LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI ' +
  'NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG ' +
  'SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW ' +
  '').trim().split(' ');

const CURRENCIES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
  'GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF ' +
  'KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR ' +
  'MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK ' +
  'SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU ' +
  'UZS VED VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG ' +
  '').trim().split(' ');

/** Currencies most customers use, offered first. */
const COMMON_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'CAD', 'JPY'];

function displayName(type, code) {
  try {
    return new Intl.DisplayNames([locale()], { type }).of(code) || code;
  } catch (e) {
    return code;
  }
}

function byName(type, codes) {
  const collator = new Intl.Collator(locale());
  return codes.map(code => [code, displayName(type, code)]).sort((a, b) => collator.compare(a[1], b[1]));
}

function picker(attrs, selected, placeholder, groups) {
  const select = h('select', attrs, h('option', { value: '' }, placeholder),
    groups.map(([label, options]) => {
      const items = options.map(([code, name]) => h('option', { value: code }, `${name} (${code})`));
      return label ? h('optgroup', { label }, items) : items;
    }));
  select.value = selected || '';
  return select;
}

/** A select of every country by name; its value is the ISO 3166 alpha-2 code. */
export function countrySelect(attrs, selected) {
  return picker(attrs, selected, t('picker.chooseCountry'), [[null, byName('region', COUNTRIES)]]);
}

/** A select of every currency by name, the common ones first; its value is the ISO 4217 code. */
export function currencySelect(attrs, selected) {
  const common = COMMON_CURRENCIES.map(code => [code, displayName('currency', code)]);
  const others = byName('currency', CURRENCIES.filter(code => !COMMON_CURRENCIES.includes(code)));
  return picker(attrs, selected, t('picker.chooseCurrency'),
    [[t('picker.commonCurrencies'), common], [t('picker.otherCurrencies'), others]]);
}

/** The country's name in the current language, e.g. 'France' or 'Allemagne'. */
export function countryName(code) {
  return code ? displayName('region', code) : '';
}
