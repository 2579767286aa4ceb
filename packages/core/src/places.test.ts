import { describe, expect, it } from 'vitest';
import { inferAgency } from './model.js';
import { COUNTY_LEVEL_CITIES, cityLevel, PREFECTURE_CITIES } from './places.js';

describe('cities: 地级市 and 县级市', () => {
  it('has the 293 地级市 and no name in both lists', () => {
    expect(PREFECTURE_CITIES.size).toBe(293);
    expect([...COUNTY_LEVEL_CITIES].filter((c) => PREFECTURE_CITIES.has(c))).toEqual([]);
    expect(COUNTY_LEVEL_CITIES.size).toBeGreaterThan(380);
  });

  it('tells the level from the city the name places the agency in, whatever comes before or after', () => {
    expect(cityLevel('昆山市人民政府')).toBe('县级');
    expect(cityLevel('江苏省昆山市人民政府')).toBe('县级');
    expect(cityLevel('苏州市昆山市教育局')).toBe('县级');
    expect(cityLevel('昆山市城市管理局')).toBe('县级'); // 「城市」 is no city
    expect(cityLevel('昆山市市场监督管理局')).toBe('县级');
    expect(cityLevel('苏州市人民政府办公室')).toBe('市级');
    expect(cityLevel('苏州市城市管理局')).toBe('市级');
    expect(cityLevel('吉林省吉林市人民政府')).toBe('市级');
    expect(cityLevel('云南省芒市人民政府')).toBe('县级');
    expect(cityLevel('示例市人民政府')).toBeUndefined();
  });

  it('inferAgency: a 县级市 and its departments are 县级 (T2-4 applies to them); unknown cities stay 市级', () => {
    expect(inferAgency('昆山市人民政府')).toEqual({ kind: '人民政府', level: '县级' });
    expect(inferAgency('昆山市人民政府办公室')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('义乌市市场监督管理局')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('淮安市人民政府')).toEqual({ kind: '人民政府', level: '市级' });
    expect(inferAgency('某某市人民政府办公室')).toEqual({ kind: '政府部门', level: '市级' });
    expect(inferAgency('延边朝鲜族自治州人民政府')).toEqual({ kind: '人民政府', level: '市级' });
  });
});
