/** The report years to choose from, newest first: this calendar year down to 2019 (the 条例 of 2019). */
export function YearOptions() {
  const thisYear = new Date().getFullYear();
  return (
    <>
      {Array.from({ length: thisYear - 2019 + 1 }, (_, i) => thisYear - i).map((y) => (
        <option key={y} value={y}>
          {y} 年度
        </option>
      ))}
    </>
  );
}
