#!/usr/bin/env python3
"""Synthetic corpus for the benchmark: N events and their entities, in our own data format.

    python tools/synth.py --events 1000 --out /tmp/corpus/data

Writes `places.yaml`, `organisations.yaml`, `people.yaml`, `topics.yaml` and
`events/<id>.yaml`, deterministic for a given N and seed. The text is paired
Vietnamese (with tone marks) and English, about 600 words per rendered page,
and its numbers and dates are written in each language's conventions, so every
event passes the real loader, schema and vi↔en number cross-check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from digest.numbers import format_date, format_number  # noqa: E402

try:  # libyaml when available: writing 3,000 files with the pure-Python dumper takes seconds
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

# (id, Vietnamese name, English name, kind vi, kind en)
PROVINCES = [
    ("ha-noi", "Hà Nội", "Hanoi", "thành phố trực thuộc trung ương", "centrally governed city"),
    ("ho-chi-minh-city", "TP Hồ Chí Minh", "Ho Chi Minh City", "thành phố trực thuộc trung ương", "centrally governed city"),
    ("hai-phong", "Hải Phòng", "Hai Phong", "thành phố trực thuộc trung ương", "centrally governed city"),
    ("da-nang", "Đà Nẵng", "Da Nang", "thành phố trực thuộc trung ương", "centrally governed city"),
    ("can-tho", "Cần Thơ", "Can Tho", "thành phố trực thuộc trung ương", "centrally governed city"),
    ("binh-duong", "Bình Dương", "Binh Duong", "tỉnh", "province"),
    ("dong-nai", "Đồng Nai", "Dong Nai", "tỉnh", "province"),
    ("ba-ria-vung-tau", "Bà Rịa – Vũng Tàu", "Ba Ria – Vung Tau", "tỉnh", "province"),
    ("bac-ninh", "Bắc Ninh", "Bac Ninh", "tỉnh", "province"),
    ("quang-ninh", "Quảng Ninh", "Quang Ninh", "tỉnh", "province"),
    ("thai-nguyen", "Thái Nguyên", "Thai Nguyen", "tỉnh", "province"),
    ("nghe-an", "Nghệ An", "Nghe An", "tỉnh", "province"),
    ("ha-tinh", "Hà Tĩnh", "Ha Tinh", "tỉnh", "province"),
    ("thanh-hoa", "Thanh Hóa", "Thanh Hoa", "tỉnh", "province"),
    ("quang-ngai", "Quảng Ngãi", "Quang Ngai", "tỉnh", "province"),
    ("binh-dinh", "Bình Định", "Binh Dinh", "tỉnh", "province"),
    ("khanh-hoa", "Khánh Hòa", "Khanh Hoa", "tỉnh", "province"),
    ("ninh-thuan", "Ninh Thuận", "Ninh Thuan", "tỉnh", "province"),
    ("binh-thuan", "Bình Thuận", "Binh Thuan", "tỉnh", "province"),
    ("dak-lak", "Đắk Lắk", "Dak Lak", "tỉnh", "province"),
    ("lam-dong", "Lâm Đồng", "Lam Dong", "tỉnh", "province"),
    ("long-an", "Long An", "Long An", "tỉnh", "province"),
    ("tien-giang", "Tiền Giang", "Tien Giang", "tỉnh", "province"),
    ("ben-tre", "Bến Tre", "Ben Tre", "tỉnh", "province"),
    ("soc-trang", "Sóc Trăng", "Soc Trang", "tỉnh", "province"),
    ("bac-lieu", "Bạc Liêu", "Bac Lieu", "tỉnh", "province"),
    ("ca-mau", "Cà Mau", "Ca Mau", "tỉnh", "province"),
    ("vinh-phuc", "Vĩnh Phúc", "Vinh Phuc", "tỉnh", "province"),
    ("hung-yen", "Hưng Yên", "Hung Yen", "tỉnh", "province"),
    ("hai-duong", "Hải Dương", "Hai Duong", "tỉnh", "province"),
]
FOREIGN = [
    ("sakai", "Sakai", "Sakai", "thành phố (Nhật Bản)", "city (Japan)", "JP"),
    ("osaka", "Ô-sa-ka", "Osaka", "thành phố (Nhật Bản)", "city (Japan)", "JP"),
    ("busan", "Bu-san", "Busan", "thành phố (Hàn Quốc)", "city (Korea)", "KR"),
    ("copenhagen", "Cô-pen-ha-gen", "Copenhagen", "thủ đô (Đan Mạch)", "capital (Denmark)", "DK"),
]
# (id suffix, Vietnamese pattern, English pattern) for bodies of each province
PROVINCE_BODIES = [
    ("peoples-committee", "UBND {vi}", "{en} People's Committee"),
    ("department-of-industry-and-trade", "Sở Công Thương {vi}", "{en} Department of Industry and Trade"),
    ("department-of-natural-resources-and-environment", "Sở Tài nguyên và Môi trường {vi}", "{en} Department of Natural Resources and Environment"),
    ("industrial-zones-authority", "Ban Quản lý các khu công nghiệp {vi}", "{en} Industrial Zones Authority"),
]
NATIONAL = [
    ("moit", "Bộ Công Thương", "Ministry of Industry and Trade"),
    ("monre", "Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment"),
    ("mpi", "Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"),
    ("vcci", "Liên đoàn Thương mại và Công nghiệp Việt Nam", "Vietnam Chamber of Commerce and Industry"),
    ("evn", "Tập đoàn Điện lực Việt Nam", "Vietnam Electricity"),
    ("undp-vietnam", "Chương trình Phát triển Liên hợp quốc tại Việt Nam", "United Nations Development Programme in Vietnam"),
    ("jica-vietnam", "Cơ quan Hợp tác Quốc tế Nhật Bản tại Việt Nam", "Japan International Cooperation Agency in Vietnam"),
    ("giz-vietnam", "Tổ chức Hợp tác Phát triển Đức tại Việt Nam", "German Development Cooperation in Vietnam"),
]
COMPANY_VI = ["Năng lượng Xanh", "Thép Sạch", "Xi măng Phương Nam", "Dệt may Bền Vững", "Điện Mặt Trời Miền Trung", "Hóa chất Đông Á",
              "Giấy Sông Lam", "Cơ khí Hòa Phát Lợi", "Nhựa Tái Chế Việt", "Thực phẩm Đồng Xanh", "Gạch Không Nung Thành Công", "Điện Gió Biển Đông"]
COMPANY_EN = ["Green Energy", "Clean Steel", "Southern Cement", "Sustainable Textiles", "Central Solar Power", "East Asia Chemicals",
              "Song Lam Paper", "Hoa Phat Loi Engineering", "Viet Recycled Plastics", "Dong Xanh Foods", "Thanh Cong Unfired Bricks", "East Sea Wind Power"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Hồng", "Thanh", "Đức", "Ngọc", "Hữu", "Thu"]
GIVEN = ["Anh", "Bình", "Cường", "Dũng", "Đăng", "Giang", "Hà", "Hải", "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Phong",
         "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Việt", "Yến", "Điệp", "Hương", "Lực"]
FOREIGN_PEOPLE = ["Marc Weber", "Susan Miller", "Kenji Tanaka", "Anna Lindqvist", "Park Ji-hoon", "Lars Jensen"]
TOPICS = [
    ("industrial-decarbonisation", "Giảm phát thải carbon trong công nghiệp", "Industrial decarbonisation",
     "Giảm phát thải carbon và khí nhà kính từ sản xuất công nghiệp.", "Cutting carbon and greenhouse-gas emissions from industrial production."),
    ("net-zero-targets", "Mục tiêu Net Zero", "Net Zero targets", "Cam kết và lộ trình đưa phát thải ròng về 0.", "Commitments and roadmaps to reach net-zero emissions."),
    ("eco-industrial-parks", "Khu công nghiệp sinh thái", "Eco-industrial parks",
     "Khu công nghiệp gắn sản xuất với môi trường và kinh tế tuần hoàn.", "Industrial parks that tie production to the environment and the circular economy."),
    ("energy-efficiency", "Tiết kiệm và hiệu quả năng lượng", "Energy efficiency", "Sử dụng năng lượng tiết kiệm và hiệu quả.", "Using less energy, and using it better."),
    ("renewable-energy", "Năng lượng tái tạo", "Renewable energy", "Điện mặt trời, điện gió và các nguồn tái tạo khác.", "Solar, wind and other renewable sources."),
    ("carbon-markets", "Thị trường carbon", "Carbon markets", "Tín chỉ carbon, hạn ngạch và cơ chế trao đổi.", "Carbon credits, allowances and trading mechanisms."),
    ("circular-economy", "Kinh tế tuần hoàn", "Circular economy", "Tái sử dụng, tái chế và giảm chất thải.", "Reuse, recycling and less waste."),
    ("green-finance", "Tài chính xanh", "Green finance", "Tín dụng xanh, trái phiếu xanh và đầu tư bền vững.", "Green credit, green bonds and sustainable investment."),
    ("international-cooperation", "Hợp tác quốc tế", "International cooperation", "Hợp tác với đối tác nước ngoài về khí hậu.", "Climate cooperation with foreign partners."),
    ("hydrogen", "Hydrogen xanh", "Green hydrogen", "Sản xuất và sử dụng hydrogen từ năng lượng tái tạo.", "Producing and using hydrogen from renewable energy."),
    ("emissions-inventory", "Kiểm kê khí nhà kính", "Greenhouse-gas inventory", "Đo đạc, báo cáo và thẩm định phát thải.", "Measuring, reporting and verifying emissions."),
    ("green-transport", "Giao thông xanh", "Green transport", "Xe điện và giao thông phát thải thấp.", "Electric vehicles and low-emission transport."),
]
PUBLISHERS = ["Báo Công Thương", "Báo Tài nguyên và Môi trường", "Báo Đầu tư", "Báo Môi Trường và Đô Thị", "Báo Nhân Dân", "VnExpress",
              "Báo Tuổi Trẻ", "Báo Thanh Niên", "Báo Lao Động", "Thời báo Kinh tế Việt Nam"]
KINDS = [  # (slug, vi, en)
    ("workshop", "Hội thảo", "Workshop"),
    ("forum", "Diễn đàn", "Forum"),
    ("conference", "Hội nghị", "Conference"),
    ("dialogue", "Tọa đàm", "Dialogue"),
    ("training", "Tập huấn", "Training course"),
]

# Paired sentences. Slots: {p} province, {o} organisation, {t} topic, {n} number, {u} unit, {y} year, {d} date, {pc} percent.
SENTENCES = [
    ("Phát biểu tại {k_vi}, đại diện {o} cho biết tỉnh đang xây dựng lộ trình chuyển đổi xanh cho các khu công nghiệp, ưu tiên những ngành tiêu thụ nhiều năng lượng.",
     "Speaking at the {k_en}, a representative of {o} said the province is drawing up a green transition roadmap for its industrial parks, giving priority to energy-intensive sectors."),
    ("Theo số liệu được công bố, {p} hiện có {n} {u_vi} đã áp dụng các giải pháp tiết kiệm năng lượng trong sản xuất.",
     "According to the figures presented, {p} now has {n} {u_en} that have adopted energy-saving solutions in production."),
    ("Các đại biểu thống nhất rằng mục tiêu phát thải ròng bằng 0 vào năm {y} chỉ đạt được khi doanh nghiệp, chính quyền và người dân cùng hành động.",
     "Delegates agreed that the goal of net-zero emissions by {y} can only be reached if businesses, government and citizens act together."),
    ("{o} nhấn mạnh vai trò của {t} trong việc nâng cao năng lực cạnh tranh của hàng hóa xuất khẩu khi các thị trường lớn áp dụng cơ chế điều chỉnh carbon biên giới.",
     "{o} stressed the role of {t} in making exports more competitive as major markets introduce carbon border adjustment mechanisms."),
    ("Tỷ lệ lấp đầy bình quân của các khu công nghiệp trên địa bàn đạt khoảng {pc}%, tạo áp lực lớn về nhu cầu điện và xử lý chất thải.",
     "The average occupancy rate of the local industrial parks is about {pc}%, which puts heavy pressure on electricity demand and waste treatment."),
    ("Nhiều doanh nghiệp chia sẻ khó khăn khi tiếp cận nguồn vốn tín dụng xanh, do thủ tục thẩm định kéo dài và thiếu tiêu chí rõ ràng.",
     "Many businesses described the difficulty of obtaining green credit, because appraisal procedures are long and the criteria are unclear."),
    ("Ngày {d_vi}, {o} đã ký biên bản ghi nhớ hợp tác về {t} với các đối tác quốc tế.",
     "On {d_en}, {o} signed a memorandum of understanding on {t} with international partners."),
    ("Hệ thống điện mặt trời mái nhà với tổng công suất {n} MW đã được lắp đặt tại các nhà xưởng trong khu vực.",
     "Rooftop solar systems with a total capacity of {n} MW have been installed on factory buildings in the area."),
    ("Các chuyên gia khuyến nghị doanh nghiệp sớm thực hiện kiểm kê khí nhà kính, vì đây là bước đầu tiên để xây dựng kế hoạch giảm phát thải đáng tin cậy.",
     "Experts advised businesses to carry out greenhouse-gas inventories early, as this is the first step towards a credible emission-reduction plan."),
    ("Chương trình hướng tới việc chuyển đổi {n} ha đất công nghiệp hiện hữu thành khu công nghiệp sinh thái, gắn với cộng sinh công nghiệp.",
     "The programme aims to convert {n} ha of existing industrial land into eco-industrial parks, linked to industrial symbiosis."),
    ("Đại diện ngân hàng cho biết dư nợ tín dụng xanh đã tăng {pc}% so với cùng kỳ, chủ yếu cho năng lượng tái tạo và nông nghiệp bền vững.",
     "A bank representative said outstanding green credit had grown by {pc}% year on year, mainly for renewable energy and sustainable agriculture."),
    ("Hội nghị cũng dành thời gian thảo luận về việc hoàn thiện khung pháp lý cho thị trường carbon trong nước, dự kiến vận hành thí điểm trong thời gian tới.",
     "The meeting also discussed completing the legal framework for a domestic carbon market, which is expected to start a pilot phase soon."),
    ("Theo kế hoạch, đến năm {y} toàn bộ các cơ sở sản xuất thuộc diện kiểm kê phải có báo cáo phát thải được thẩm định độc lập.",
     "Under the plan, by {y} every production facility subject to the inventory must have an independently verified emissions report."),
    ("Những mô hình tái chế nước thải và tận dụng nhiệt thừa đã giúp một số nhà máy giảm chi phí vận hành đáng kể.",
     "Wastewater recycling and waste-heat recovery have helped several factories cut their operating costs significantly."),
    ("Lãnh đạo {o} đề nghị các sở, ngành phối hợp chặt chẽ, rà soát quy hoạch để dành quỹ đất cho hạ tầng năng lượng sạch.",
     "The leadership of {o} asked departments and sectors to work closely together and review plans to set aside land for clean-energy infrastructure."),
    ("Dự án có tổng vốn đầu tư khoảng {n} triệu USD, dự kiến giảm khoảng {n2} tấn CO2 mỗi năm khi đi vào hoạt động.",
     "The project has a total investment of about USD {n} million and is expected to cut about {n2} tonnes of CO2 a year once in operation."),
    ("Các doanh nghiệp dệt may và da giày chịu sức ép lớn từ khách hàng quốc tế, vốn yêu cầu minh bạch dấu chân carbon của từng sản phẩm.",
     "Textile, garment and footwear companies face strong pressure from international buyers, who require transparency on the carbon footprint of every product."),
    ("Tại phiên thảo luận, nhiều ý kiến cho rằng cần có cơ chế giá điện hợp lý để khuyến khích đầu tư vào điện gió và điện mặt trời.",
     "In the discussion, many participants argued that a fair electricity pricing mechanism is needed to encourage investment in wind and solar power."),
    ("{p} đặt mục tiêu giảm {pc}% cường độ phát thải khí nhà kính trong công nghiệp so với năm {y0}.",
     "{p} aims to cut the greenhouse-gas intensity of its industry by {pc}% compared with {y0}."),
    ("Ban tổ chức cho biết sự kiện thu hút hơn {n} đại biểu đến từ cơ quan quản lý, hiệp hội ngành nghề, viện nghiên cứu và doanh nghiệp.",
     "The organisers said the event drew more than {n} delegates from regulators, trade associations, research institutes and businesses."),
]


def _q(rng: random.Random, items: list):
    return items[rng.randrange(len(items))]


def _ascii(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def make_entities(rng: random.Random) -> dict[str, list[dict]]:
    places = [{"id": pid, "name": {"vi": vi, "en": en}, "kind": {"vi": kvi, "en": ken}, "country": "VN", "aliases": [_ascii(vi)]}
              for pid, vi, en, kvi, ken in PROVINCES]
    places += [{"id": pid, "name": {"vi": vi, "en": en}, "kind": {"vi": kvi, "en": ken}, "country": cc}
               for pid, vi, en, kvi, ken, cc in FOREIGN]
    orgs = []
    for pid, vi, en, *_ in PROVINCES:
        for suffix, pvi, pen in PROVINCE_BODIES:
            orgs.append({"id": f"{pid}-{suffix}", "name": {"vi": pvi.format(vi=vi), "en": pen.format(en=en)}, "place": pid,
                         "aliases": [_ascii(pvi.format(vi=vi))]})
        for k in range(2):
            c = (len(orgs) + k) % len(COMPANY_VI)
            orgs.append({"id": f"{pid}-company-{k + 1}", "name": {"vi": f"Công ty Cổ phần {COMPANY_VI[c]} {vi}", "en": f"{en} {COMPANY_EN[c]} Joint Stock Company"},
                         "place": pid, "short": f"{COMPANY_EN[c].split()[0]} {en}"})
    for oid, vi, en in NATIONAL:
        orgs.append({"id": oid, "name": {"vi": vi, "en": en}})
    people, seen = [], set()
    while len(people) < 240:
        name = f"{_q(rng, SURNAMES)} {_q(rng, MIDDLE)} {_q(rng, GIVEN)}"
        pid = "-".join(_ascii(name).lower().split())
        if pid in seen:
            continue
        seen.add(pid)
        people.append({"id": pid, "name": name, "aliases": [_ascii(name)]})
    for name in FOREIGN_PEOPLE:
        people.append({"id": "-".join(name.lower().split()), "name": name, "name_lang": "en"})
    topics = [{"id": tid, "label": {"vi": lvi, "en": len_}, "description": {"vi": dvi, "en": den}} for tid, lvi, len_, dvi, den in TOPICS]
    return {"places": places, "organisations": orgs, "people": people, "topics": topics}


def _fill(rng: random.Random, template: tuple[str, str], ctx: dict) -> tuple[str, str]:
    n = rng.choice([12, 35, 48, 150, 240, 1200, 6080, 15000])
    n2 = rng.choice([2500, 18000, 45000, 120000])
    pc = rng.choice([12.5, 20, 35, 60.5, 75.3, 9])
    y = rng.choice([2030, 2035, 2040, 2045, 2050])
    d = ctx["date"] - dt.timedelta(days=rng.randrange(30, 400))
    org = _q(rng, ctx["orgs"])
    topic = _q(rng, ctx["topics"])
    out = []
    for lang in ("vi", "en"):
        values = {
            "p": ctx["province"]["name"][lang], "o": org["name"][lang], "t": topic["label"][lang].lower(),
            "n": format_number(n, lang), "n2": format_number(n2, lang), "pc": format_number(pc, lang), "y": y, "y0": 2020,
            "u_vi": "doanh nghiệp", "u_en": "businesses", "d_vi": format_date(d, "vi"), "d_en": format_date(d, "en"),
            "k_vi": ctx["kind"][1].lower(), "k_en": ctx["kind"][2].lower(),
        }
        text = template[0 if lang == "vi" else 1].format(**values)
        out.append(text[0].upper() + text[1:])
    return out[0], out[1]


def _paragraph(rng: random.Random, ctx: dict, sentences: int) -> tuple[str, str]:
    picks = rng.sample(SENTENCES, sentences)
    pairs = [_fill(rng, s, ctx) for s in picks]
    return " ".join(p[0] for p in pairs), " ".join(p[1] for p in pairs)


def make_event(i: int, rng: random.Random, entities: dict) -> dict:
    start = dt.date(2019, 1, 1)
    date = start + dt.timedelta(days=(i * 7919) % 2500)  # spread over 2019-2025, never in the future
    pid, pvi, pen, *_ = PROVINCES[i % len(PROVINCES)]
    province = next(p for p in entities["places"] if p["id"] == pid)
    kind = KINDS[i % len(KINDS)]
    local = [o for o in entities["organisations"] if o.get("place") == pid]
    national = [o for o in entities["organisations"] if "place" not in o]
    topics = rng.sample(entities["topics"], 3)
    ctx = {"date": date, "province": province, "orgs": local + national, "topics": topics, "kind": kind}
    event_id = f"{date.isoformat()}-{pid}-{kind[0]}-{i:05d}"
    sources = []
    for k in range(rng.choice([1, 2])):
        sid = f"s{i:05d}-{k + 1}"  # source ids are unique site-wide (one page per source)
        digest_hex = hashlib.sha256(f"{i}-{k}".encode()).hexdigest()[:16]
        s_vi, s_en = _paragraph(rng, ctx, 2)
        published = dt.datetime.combine(date, dt.time(8 + k * 3, 15 * k))
        sources.append({"id": sid, "file": f"{(i * 2 + k) % 1000:03d}_{digest_hex}.txt", "publisher": _q(rng, PUBLISHERS),
                        "headline": f"{kind[1]} về {topics[0]['label']['vi'].lower()} tại {pvi}", "published": published.isoformat(),
                        "section_tags": [_q(rng, ["Kinh tế", "Môi trường", "Năng lượng", "Thời sự"])],
                        "summary": {"vi": s_vi, "en": s_en}})
    sids = [s["id"] for s in sources]

    def cited() -> list[str]:
        return sorted(rng.sample(sids, rng.randint(1, len(sids))))

    def evidenced(passage_vi: str, passage_en: str) -> dict:
        """Sources and, for each, the passage that supports the statement (a synthetic article says it in these words)."""
        ids = cited()
        words_vi, words_en = passage_vi.split()[:35], passage_en.split()[:35]
        return {"sources": ids, "evidence": [{"source": sid, "text": " ".join(words_vi), "en": " ".join(words_en)} for sid in ids]}

    summary_vi, summary_en = [], []
    for _ in range(3):
        vi, en = _paragraph(rng, ctx, 3)
        summary_vi.append(vi)
        summary_en.append(en)
    key_points = []
    for _ in range(5):
        vi, en = _fill(rng, _q(rng, SENTENCES), ctx)
        key_points.append({"text": {"vi": vi, "en": en}, **evidenced(vi, en)})
    org_ids = [o["id"] for o in local]
    person_ids = [p["id"] for p in entities["people"]]
    speakers = rng.sample(person_ids, 3)
    participants = [{"person": sp, "role": {"vi": "Phó Giám đốc", "en": "Deputy Director"} if j else {"vi": "Chủ tịch", "en": "Chair"},
                     "org": org_ids[j % len(org_ids)], "spoke": j < 2, **evidenced("Phó Giám đốc" if j else "Chủ tịch", "Deputy Director" if j else "Chair")}
                    for j, sp in enumerate(speakers)]
    figure_value = rng.choice([6080, 60.5, 1200, 35])
    event = {
        "id": event_id,
        "date": {"value": date.isoformat()},
        "place": {"province": pid, "venue": {"vi": f"Hội trường {pvi}", "en": f"{pen} Conference Hall"}},
        "title": {"vi": f"{kind[1]} về {topics[0]['label']['vi'].lower()} tại {pvi}", "en": f"{kind[2]} on {topics[0]['label']['en'].lower()} in {pen}"},
        "lead": {"vi": f"Ngày {format_date(date, 'vi')}, {local[0]['name']['vi']} tổ chức {kind[1].lower()} về {topics[0]['label']['vi'].lower()} "
                       f"và {topics[1]['label']['vi'].lower()}, với sự tham dự của đại diện cơ quan quản lý, hiệp hội và doanh nghiệp.",
                 "en": f"On {format_date(date, 'en')}, the {local[0]['name']['en']} held a {kind[2].lower()} on {topics[0]['label']['en'].lower()} "
                       f"and {topics[1]['label']['en'].lower()}, attended by representatives of regulators, associations and businesses."},
        "summary": {"vi": summary_vi, "en": summary_en},
        "key_points": key_points,
        "organisers": [{"org": local[0]["id"], "role": {"vi": "đơn vị tổ chức", "en": "organiser"}, "sources": cited()}],
        "participants": participants,
        "attending_organisations": [{"org": o, "role": {"vi": "tham dự", "en": "attended"}, "sources": cited()} for o in org_ids[1:3]],
        "figures": [{"value": figure_value, "qualifier": "about", "unit": {"vi": "ha", "en": "ha"},
                     "measure": {"vi": "diện tích đất công nghiệp", "en": "industrial land area"}, "subject": pid,
                     **evidenced(f"diện tích đất công nghiệp khoảng {format_number(figure_value, 'vi')} ha",
                                 f"industrial land of about {format_number(figure_value, 'en')} ha")}],
        "commitments": [{"actor": local[0]["id"], "what": {"vi": "Đạt phát thải ròng bằng 0 trong các khu công nghiệp", "en": "Reach net-zero emissions in the industrial parks"},
                         "target_year": 2050, "status": {"vi": "mục tiêu", "en": "goal"},
                         **evidenced("đạt phát thải ròng bằng 0 vào năm 2050", "reach net-zero emissions by 2050")}],
        "quotations": [{"speaker": speakers[0], "vi": "Chuyển đổi xanh không còn là lựa chọn mà là yêu cầu bắt buộc đối với doanh nghiệp.",
                        "en": "The green transition is no longer a choice but a requirement for businesses.", "sources": cited()}],
        "topics": [t["id"] for t in topics],
        "sources": sources,
    }
    if rng.random() < 0.3:
        event["date"]["inferred"] = ["year"]
        event["date"]["inference"] = {"vi": "Bài báo không ghi năm; năm được suy ra từ nội dung.", "en": "The article gives no year; the year is inferred from the text."}
    return event


def dump(data, path: Path) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def write_corpus(out: Path, n: int, seed: int = 1) -> list[str]:
    """Write entity files and n events under `out` (a data folder); return the event ids."""
    rng = random.Random(seed)  # noqa: S311 - synthetic text, not security
    entities = make_entities(rng)
    out.mkdir(parents=True, exist_ok=True)
    (out / "events").mkdir(exist_ok=True)
    for kind, items in entities.items():
        dump(items, out / f"{kind}.yaml")
    ids = []
    for i in range(n):
        event = make_event(i, random.Random(seed * 1_000_003 + i), entities)  # noqa: S311
        dump(event, out / "events" / f"{event['id']}.yaml")
        ids.append(event["id"])
    return ids


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True, help="number of events")
    parser.add_argument("--out", type=Path, required=True, help="data folder to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    ids = write_corpus(args.out, args.events, args.seed)
    print(f"{len(ids)} events written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
