"""Generate a synthetic but realistic catalog in format v1, deterministic by seed.

The shape follows Liaoning 2019 (domain.md): a national basic catalog, one province, 14
cities and about 100 counties, in the proportions 5,760 provincial, 10,378 city and 38,824
county records, with the province's type mix (3,100 of 5,760 are 行政处罚). Items cite real
laws and articles from the bundled registry; application items carry 3–8 materials; about
1% of the implementation items carry one planted fault from a rule family.

    python benchmarks/generate.py --items 55000 --seed 1 --out benchmarks/data/55k
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from catalog_tool.domain.uscc import ALPHABET, check_character
from catalog_tool.model.enums import ItemType

# Province-level type mix of Liaoning 2019 (domain.md, "Figures from the field").
TYPE_MIX = {
    ItemType.LICENSE: 950,
    ItemType.CONFIRMATION: 267,
    ItemType.PAYMENT: 46,
    ItemType.LEVY: 67,
    ItemType.REWARD: 173,
    ItemType.ADJUDICATION: 16,
    ItemType.OTHER_POWER: 453,
    ItemType.PENALTY: 3100,
    ItemType.COERCION: 159,
    ItemType.INSPECTION: 247,
    ItemType.PUBLIC_SERVICE: 282,
}
# Records per level (national = province: every provincial item implements a national one).
LEVEL_SHARE = {"national": 5760, "province": 5760, "city": 10378, "county": 38824}
CITIES = [
    ("210100", "沈阳市"), ("210200", "大连市"), ("210300", "鞍山市"), ("210400", "抚顺市"),
    ("210500", "本溪市"), ("210600", "丹东市"), ("210700", "锦州市"), ("210800", "营口市"),
    ("210900", "阜新市"), ("211000", "辽阳市"), ("211100", "盘锦市"), ("211200", "铁岭市"),
    ("211300", "朝阳市"), ("211400", "葫芦岛市"),
]  # fmt: skip
COUNTY_NAMES = ["和平", "沈河", "铁西", "皇姑", "大东", "浑南", "于洪", "新民", "康平", "法库"]
LAWS = [
    ("中华人民共和国食品安全法", 154), ("中华人民共和国药品管理法", 155),
    ("中华人民共和国安全生产法", 119), ("中华人民共和国消防法", 74),
    ("中华人民共和国道路交通安全法", 124), ("中华人民共和国环境保护法", 70),
    ("中华人民共和国建筑法", 85), ("中华人民共和国城乡规划法", 70), ("中华人民共和国水法", 82),
    ("中华人民共和国森林法", 84), ("中华人民共和国土地管理法", 87), ("中华人民共和国教育法", 86),
    ("中华人民共和国特种设备安全法", 101), ("中华人民共和国就业促进法", 69),
    ("中华人民共和国社会保险法", 98), ("中华人民共和国公路法", 87),
    ("中华人民共和国动物防疫法", 113), ("中华人民共和国种子法", 92), ("中华人民共和国渔业法", 50),
    ("中华人民共和国文物保护法", 101), ("中华人民共和国广告法", 74),
    ("中华人民共和国产品质量法", 74), ("中华人民共和国计量法", 34), ("中华人民共和国价格法", 48),
    ("中华人民共和国职业病防治法", 88), ("中华人民共和国传染病防治法", 80),
    ("中华人民共和国医师法", 67), ("中华人民共和国大气污染防治法", 129),
    ("中华人民共和国水污染防治法", 103), ("中华人民共和国草原法", 75),
    ("中华人民共和国农产品质量安全法", 81), ("中华人民共和国畜牧法", 94),
    ("中华人民共和国防洪法", 65), ("中华人民共和国气象法", 45), ("中华人民共和国测绘法", 68),
    ("中华人民共和国档案法", 53), ("中华人民共和国人民防空法", 53), ("中华人民共和国旅游法", 112),
]  # fmt: skip
SUBJECTS = [
    "食品",
    "药品",
    "医疗器械",
    "化妆品",
    "特种设备",
    "烟花爆竹",
    "危险化学品",
    "民用爆炸物品",
    "建筑工程",
    "城镇排水",
    "燃气",
    "供热",
    "道路运输",
    "出租汽车",
    "公路超限运输",
    "水路运输",
    "港口",
    "河道采砂",
    "取水",
    "水土保持",
    "林木采伐",
    "草原征占",
    "野生动物",
    "种子",
    "农药",
    "兽药",
    "饲料",
    "生猪屠宰",
    "动物诊疗",
    "渔业捕捞",
    "水产苗种",
    "文物",
    "出版物",
    "印刷",
    "网吧",
    "娱乐场所",
    "演出",
    "旅行社",
    "导游",
    "商业广告",
    "计量器具",
    "检验检测",
    "认证",
    "价格",
    "消防",
    "人防工程",
    "测绘",
    "地图",
    "档案",
    "气象",
    "防雷",
    "采矿",
    "排污",
    "辐射",
    "建设项目",
    "城市绿地",
    "市政设施",
    "户外广告",
    "占道经营",
    "医疗机构",
    "职业病防治",
    "放射诊疗",
    "母婴保健",
    "公共场所",
    "生活饮用水",
    "民办学校",
    "职业培训",
    "劳务派遣",
    "人力资源服务",
    "社会保险",
    "残疾人",
    "养老机构",
    "殡葬",
    "宗教活动场所",
    "社会团体",
    "民办非企业单位",
    "慈善组织",
    "彩票",
    "体育经营",
    "游泳场所",
    "高危险性体育项目",
]
LICENCE_ACTS = (
    "经营许可",
    "生产许可",
    "使用许可",
    "设立审批",
    "备案核准",
    "资质认定",
    "登记",
    "注册",
)
CONFIRM_ACTS = ("登记", "确认", "认定", "核验", "鉴定")
PUBLIC_ACTS = ("信息查询", "咨询服务", "证明开具", "档案查阅", "政策咨询")
OTHER_ACTS = ("年度报告", "备案", "核准", "审核", "补贴发放")
PENALTY_ACTS = (
    "未经许可擅自从事{s}活动", "违反{s}管理规定", "伪造、涂改{s}许可证件", "未按规定报告{s}情况",
    "拒绝、阻挠{s}监督检查", "超越许可范围从事{s}活动", "未建立{s}管理制度", "提供虚假{s}材料",
    "未按规定保存{s}记录", "未按规定公示{s}信息", "使用不合格{s}设施", "未按规定开展{s}自查",
)  # fmt: skip
SITUATIONS = ("新设", "变更", "延续", "注销", "补办", "个人", "单位", "跨区域")
PENALTY_PARTIES = (
    "生产单位",
    "经营单位",
    "使用单位",
    "从业人员",
    "检验机构",
    "服务机构",
    "运营单位",
)
MATERIAL_WORDS = (
    "申请表", "营业场所平面图", "主要设施设备清单", "管理制度文本", "专业技术人员资格证明",
    "安全评价报告", "工程设计文件", "检验检测报告", "授权委托书", "承诺书", "项目可行性研究报告",
    "环境影响评价文件", "组织机构设置情况", "质量保证体系文件",
)  # fmt: skip
DEPARTMENTS = (
    "市场监督管理局", "卫生健康委员会", "住房和城乡建设局", "水利局", "人力资源和社会保障局",
    "交通运输局", "生态环境局", "农业农村局", "自然资源局", "文化旅游局", "应急管理局", "民政局",
)  # fmt: skip
ENFORCEMENT = {ItemType.PENALTY, ItemType.COERCION, ItemType.INSPECTION}
STEPS = {
    ItemType.PENALTY: ["立案", "调查取证", "审查", "告知", "听证", "决定", "送达", "执行", "公示"],
    ItemType.COERCION: ["报告并经批准", "现场实施", "制作决定书和清单", "保管", "处理决定", "解除"],
    ItemType.INSPECTION: ["制定检查计划", "双随机抽取", "实施检查", "记录", "判定结果", "告知结果", "公开"],
}  # fmt: skip
FAULTS = (
    "F001", "F002", "F003", "M001", "M002", "M003", "T001", "T003", "G002", "G003",
    "L002", "L003", "L004", "C005", "S002", "S004", "Y002", "Y005", "N001", "O001",
)  # fmt: skip


@dataclass
class Standard:
    """The provincial standard of one code: what lower levels copy (or leave out)."""

    code: str
    name: str
    type: ItemType
    basis: list[str]
    materials: list[tuple[str, str, str]]  # name, kind, basis
    conditions: list[str]
    steps: list[tuple[str, int | None, bool]]
    legal: int | None


@dataclass
class Result:
    """What was generated."""

    files: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)


def credit_code(rng: random.Random, region: str) -> str:
    """A 统一社会信用代码 of a government organ in ``region`` with a valid check character."""
    body = "11" + region + "".join(rng.choice(ALPHABET[:10]) for _ in range(9))
    return body + check_character(body)


def citation(rng: random.Random, law: tuple[str, int]) -> str:
    """A real article of a real law."""
    from catalog_tool.legal.numerals import format_number

    return f"《{law[0]}》第{format_number(rng.randint(1, law[1]))}条"


class Generator:
    """Builds one catalog."""

    def __init__(self, out: Path, items: int, seed: int, fault_rate: float) -> None:
        self.out = out
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        total = sum(LEVEL_SHARE.values())
        self.counts = {level: max(1, round(items * n / total)) for level, n in LEVEL_SHARE.items()}
        # Liaoning: ~741 records per city, ~388 per county; small catalogs get fewer regions.
        cities = min(14, max(1, round(self.counts["city"] / 741)))
        counties = min(100, max(2, round(self.counts["county"] / 388)))
        self.per_city = self.counts["city"] // cities
        self.per_county = self.counts["county"] // counties
        # The national catalog must be large enough for every level to pick its share from.
        self.counts["national"] = max(self.counts["national"], self.per_city, self.per_county)
        self.cities = CITIES[:cities]
        self.counties: list[tuple[str, str, str]] = []  # code, name, parent city
        for i in range(counties):
            city, city_name = self.cities[i % len(self.cities)]
            k = i // len(self.cities) + 1
            name = f"{city_name[:-1]}{COUNTY_NAMES[k % len(COUNTY_NAMES)]}{k}区"
            self.counties.append((f"{city[:4]}{k:02d}", name, city))
        self.agencies: dict[tuple[str, str], tuple[str, str]] = {}
        self.materials: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        self.result = Result()

    # -- structure --------------------------------------------------------------------------

    def run(self) -> Result:
        if self.out.exists():
            shutil.rmtree(self.out)
        (self.out / "forms").mkdir(parents=True)
        for item_type in ItemType:
            for suffix in ("", "-示例"):
                path = self.out / "forms" / f"{item_type.value}申请表{suffix}.pdf"
                path.write_bytes(b"%PDF-1.4\n% form placeholder\n")
        self._regions()
        standards = self._standards(self.counts["national"])
        for standard in standards:
            self._write("000000", self._national(standard))
        for standard in self._pick(standards, self.counts["province"]):
            self._write("210000", self._implementation("210000", standard, 2, ("000000",)))
        for city, _ in self.cities:
            for standard in self._pick(standards, self.per_city):
                chain = ("210000", "000000")
                self._write(city, self._implementation(city, standard, 3, chain))
        for county, _, city in self.counties:
            for standard in self._pick(standards, self.per_county):
                chain = (city, "210000", "000000")
                self._write(county, self._implementation(county, standard, 4, chain))
        (self.out / "catalog.toml").write_text(
            "# Generated benchmark catalog.\n[rules.T002]\nratio = 0.35\n", encoding="utf-8"
        )
        return self.result

    def _regions(self) -> None:
        lines = [
            '- {code: "000000", name: 全国}',
            '- {code: "210000", name: 辽宁省, parent: "000000"}',
        ]
        lines += [f'- {{code: "{c}", name: {n}, parent: "210000"}}' for c, n in self.cities]
        lines += [f'- {{code: "{c}", name: {n}, parent: "{p}"}}' for c, n, p in self.counties]
        (self.out / "regions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _pick(self, pool: list[Standard], n: int) -> list[Standard]:
        return pool if n >= len(pool) else sorted(self.rng.sample(pool, n), key=lambda s: s.code)

    def _standards(self, n: int) -> list[Standard]:
        total = sum(TYPE_MIX.values())
        standards: list[Standard] = []
        used: set[str] = set()
        for item_type, share in TYPE_MIX.items():
            for i in range(max(1, round(n * share / total))):
                code = f"00{item_type.type_code}{i + 1:05d}000"
                name = self._name(item_type, used)
                standards.append(self._standard(code, name, item_type))
        return standards

    def _name(self, item_type: ItemType, used: set[str]) -> str:
        rng = self.rng
        for attempt in range(10_000):
            subject = rng.choice(SUBJECTS)
            if item_type is ItemType.PENALTY:
                act = rng.choice(PENALTY_ACTS).format(s=subject)
                name = f"对{subject}{rng.choice(PENALTY_PARTIES)}{act}的行政处罚"
            elif item_type is ItemType.COERCION:
                name = f"查封、扣押{subject}违法物品和场所"
            elif item_type is ItemType.INSPECTION:
                name = f"对{subject}经营单位的监督检查"
            elif item_type is ItemType.PUBLIC_SERVICE:
                name = f"{subject}{rng.choice(PUBLIC_ACTS)}"
            elif item_type is ItemType.LICENSE:
                name = f"{subject}{rng.choice(LICENCE_ACTS)}"
            elif item_type is ItemType.CONFIRMATION:
                name = f"{subject}{rng.choice(CONFIRM_ACTS)}"
            else:
                name = f"{subject}{rng.choice(OTHER_ACTS)}{item_type.value[-2:]}"
            if attempt > 200:
                # The plain names are taken: add a situation (办理项), as real catalogs do.
                name = f"{name}（{rng.choice(SITUATIONS)}）"
            if name not in used:
                used.add(name)
                return name
        raise RuntimeError(f"name vocabulary exhausted after {attempt} attempts")

    def _standard(self, code: str, name: str, item_type: ItemType) -> Standard:
        rng = self.rng
        law = rng.choice(LAWS)
        basis = [citation(rng, law)]
        if rng.random() < 0.3:
            basis.append(citation(rng, rng.choice(LAWS)))
        if item_type in ENFORCEMENT:
            steps = [(s, None, True) for s in STEPS[item_type]]
            return Standard(code, name, item_type, basis, [], [], steps, None)
        count = min(len(MATERIAL_WORDS) - 1, max(1, int(rng.gauss(5, 1.5))))
        words = ["申请表", *rng.sample(MATERIAL_WORDS[1:], count - 1)] if count > 1 else ["申请表"]
        materials = []
        for word in words:
            kind = "申请表" if word == "申请表" else "证明" if word.endswith("证明") else "其他"
            materials.append(
                (f"{name}{word}" if word == "申请表" else word, kind, citation(rng, law))
            )
        conditions = [f"符合{name}的法定条件（{i + 1}）" for i in range(rng.randint(1, 3))]
        steps: list[tuple[str, int | None, bool]] = [
            ("受理", 1, True),
            ("审查", 2, True),
            ("决定", 1, True),
        ]
        if rng.random() < 0.25:
            steps.insert(
                2, (rng.choice(("现场核查", "专家评审", "检验检测")), rng.randint(3, 15), False)
            )
        legal = rng.choice((15, 20, 20, 20, 30, 45, 60))
        return Standard(code, name, item_type, basis, materials, conditions, steps, legal)

    # -- files --------------------------------------------------------------------------------

    def _write(self, region: str, text: str) -> None:
        code = text.split('code: "', 1)[1][:12] if 'code: "' in text else "x"
        folder = self.out / region
        folder.mkdir(exist_ok=True)
        (folder / f"{code}.yaml").write_text(text, encoding="utf-8")
        self.result.files[region[:2] if region != "000000" else "national"] += 1

    def _national(self, s: Standard) -> str:
        lines = [
            "# yaml-language-server: $schema=../../schemas/item.schema.json",
            f'code: "{s.code}"',
            f"name: {s.name}",
            f"type: {s.type.value}",
            'region: "000000"',
            "basis:",
            *[f"  - {b}" for b in s.basis],
        ]
        return "\n".join(lines) + "\n"

    def _agency(self, region: str, item_type: ItemType) -> tuple[str, str]:
        department = DEPARTMENTS[int.from_bytes(item_type.value.encode()) % len(DEPARTMENTS)]
        if item_type not in ENFORCEMENT and region != "210000":
            department = "行政审批服务局"
        key = (region, department)
        if key not in self.agencies:
            place = dict(self.cities).get(region) or next(
                (n for c, n, _ in self.counties if c == region), "辽宁省"
            )
            self.agencies[key] = (place + department, credit_code(self.rng, region))
        return self.agencies[key]

    def _implementation(self, region: str, s: Standard, level: int, chain: tuple[str, ...]) -> str:
        rng = self.rng
        agency, credit = self._agency(region, s.type)
        # Lower levels take a subset of their nearest upstream's materials (同一标准).
        upstream = next(
            (self.materials[(r, s.code)] for r in chain if (r, s.code) in self.materials),
            s.materials,
        )
        materials = [m for m in upstream if m[1] == "申请表" or rng.random() < 0.9]
        self.materials[(region, s.code)] = materials
        lines = [
            "# yaml-language-server: $schema=../../schemas/item.schema.json",
            f'code: "{s.code}"',
            f"name: {s.name}",
            f"type: {s.type.value}",
            f'region: "{region}"',
            "basis:",
            *[f"  - {b}" for b in s.basis],
            f'impl_code: "{credit}{level}{s.code}"',
            "agency:",
            f"  name: {agency}",
            f'  credit_code: "{credit}"',
            "  nature: 法定机关",
        ]
        if s.type in ENFORCEMENT:
            lines += ["conditions: []", "materials: []"]
        else:
            lines += ["conditions:", *[f"  - {c}" for c in s.conditions], "materials:"]
            for name, kind, basis in materials:
                lines += [
                    f"  - name: {name}",
                    "    required: true",
                    "    form: 原件",
                    "    copies: 1",
                    "    media: 纸质和电子",
                    "    source: 申请人自备",
                    f"    kind: {kind}",
                    "    basis:",
                    f"      - {basis}",
                ]
                if kind == "申请表":
                    lines += [
                        f"    blank_form: forms/{s.type.value}申请表.pdf",
                        f"    sample: forms/{s.type.value}申请表-示例.pdf",
                    ]
                lines += [
                    f"    notes: 按要求如实填写{name}，内容完整、字迹清晰，加盖公章或签字确认",
                    "    acceptance: 材料齐全、符合法定形式，与原件一致，在有效期内",
                ]
        lines.append("steps:")
        for name, days, counted in s.steps:
            lines.append(f"  - name: {name}")
            if days is not None:
                lines.append(f"    days: {days}")
            if not counted:
                lines.append("    counted: false")
            lines.append(
                f"    description: 承办人员依法开展{name}工作，按规定时限办结并记录办理意见"
            )
        if s.legal is None:
            lines += ["time_limit: null", "handling: 承诺件"]
        else:
            promised = max(1, int(s.legal * rng.uniform(0.15, 0.35)))
            promised = max(promised, sum(d or 0 for _, d, c in s.steps if c))
            lines += [
                f"time_limit: {{legal_days: {s.legal}, promised_days: {promised}, unit: 工作日}}"
            ]
            lines.append("handling: 承诺件")
        lines += ["fees: []"]
        visits = 1 if s.type not in ENFORCEMENT and rng.random() < 0.1 else 0
        lines.append(f"visits: {visits}")
        if visits:
            lines.append("visits_reason: 需现场核验原件")
        if s.type in ENFORCEMENT:
            lines.append("online: {available: false}")
        else:
            lines.append('online: {available: true, depth: 4, url: "https://www.ln.gov.cn/"}')
        lines += [
            "service_objects: [企业法人, 自然人]",
            "venue:",
            "  address: 政务服务中心一楼综合窗口",
            "  hours: 周一至周五 上午9:00-12:00，下午13:00-17:00",
            "  phone: 024-23456789",
            '  complaint_phone: "12345"',
            f"result: {{name: {s.name}决定书, kind: 文书}}",
            "status: 在用",
        ]
        text = "\n".join(lines) + "\n"
        if rng.random() < self.fault_rate:
            fault = rng.choice(FAULTS)
            text = self._plant(fault, text, s)
            self.result.faults[fault] += 1
        return text

    def _plant(self, fault: str, text: str, s: Standard) -> str:
        replacements = {
            "F001": (f"name: {s.name}\n", f"name: {s.name}（本地）\n"),
            "F002": (
                f"type: {s.type.value}\n",
                "type: 其他行政权力\n"
                if s.type is not ItemType.OTHER_POWER
                else "type: 行政确认\n",
            ),
            "F003": ("basis:\n", "basis:\n  - 《中华人民共和国行政许可法》第十二条\n"),
            "M001": ("    basis:\n", "    basis: []\n    old_basis:\n"),
            "M002": (
                "materials:\n",
                "materials:\n  - {name: 其他需要提供的材料, required: false, form: 原件, copies: 1, media: 纸质, source: 申请人自备, basis: [《中华人民共和国行政许可法》第三十一条]}\n",
            ),
            "M003": (
                "materials:\n",
                "materials:\n  - {name: 营业执照复印件, required: true, form: 复印件, copies: 1, media: 纸质, source: 申请人自备, basis: [《中华人民共和国行政许可法》第三十一条]}\n",
            ),
            "T001": ("promised_days: ", "promised_days: 9"),
            "T003": ("steps:\n", "steps:\n  - {name: 专家评审, counted: false}\n"),
            "G002": ("phone: 024-23456789", 'phone: "23456789"'),
            "G003": ("visits: 0\n", "visits: 1\n"),
            "L002": ("basis:\n", "basis:\n  - 《中华人民共和国政务服务管理法》第三条\n"),
            "L003": ("basis:\n", "basis:\n  - 《中华人民共和国执业医师法》第十四条\n"),
            "L004": ("basis:\n", "basis:\n  - 《中华人民共和国建筑法》第九十九条\n"),
            "C005": ('  credit_code: "', '  credit_code: "X'),
            "S002": ("status: 在用\n", "status: 在用\nremark: 备注\n"),
            "S004": ("nature: 法定机关", "nature: 行政机关"),
            "Y002": ("status: 在用\n", "status: 在用\nstatus: 在用\n"),
            "Y005": (f'code: "{s.code}"', f"code: {s.code}"),
            "N001": (f"name: {s.name}\n", f"name: 辽宁省{s.name}\n"),
            "O001": ("visits: 0\n", "visits: 3\nvisits_reason: 需多次现场核验\n"),
        }
        old, new = replacements[fault]
        return text.replace(old, new, 1) if old in text else text


def main() -> None:
    """Command line: ``--items``, ``--seed``, ``--out``, ``--faults``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=55_000, help="item files in total")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", type=float, default=0.01, help="share of items with a fault")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result = Generator(args.out, args.items, args.seed, args.faults).run()
    print(f"wrote {sum(result.files.values())} item files to {args.out}")
    print("faults:", dict(sorted(result.faults.items())))


if __name__ == "__main__":
    main()
