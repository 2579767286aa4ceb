// Cell input is read by core (the terminal editor reads it the same way).
export {
  CELL_MAX_DECIMALS as MAX_DECIMALS,
  CELL_MAX_DIGITS as MAX_DIGITS,
  type CellTextParse as Parsed,
  formatValue,
  isPartialNumber,
  normalizeNumberText,
  parseCellText,
  type TypedMoneyUnit as MoneyUnit,
} from '@nianbao/core';
