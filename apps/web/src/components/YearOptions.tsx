import { reportingYear } from '@nianbao/core';

/**
 * The report years to choose from, newest first: the year just ended (core's `reportingYear`; no
 * report exists for a year not yet ended) down to 2019 (the 条例 of 2019).
 */
export function YearOptions() {
  const last = reportingYear();
  return (
    <>
      {Array.from({ length: last - 2019 + 1 }, (_, i) => last - i).map((y) => (
        <option key={y} value={y}>
          {y} 年度
        </option>
      ))}
    </>
  );
}
