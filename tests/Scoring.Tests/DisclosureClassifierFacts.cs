using PlanNacc.Scoring.Classification;

namespace PlanNacc.Scoring.Tests;

/// <summary>Link texts and menu labels from the label variants in disclosure-kinds.md and ita-criteria.md §9.</summary>
public class DisclosureClassifierFacts
{
    private static readonly DisclosureClassifier Classifier = DisclosureClassifier.Default;

    public static TheoryData<string, string> Labels => new()
    {
        // hubs
        { "ITA 2568", "ita-hub" },
        { "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น (Integrity and transparency Assessment: ITA) " +
            "ประจำปีงบประมาณ พ.ศ. 2568", "ita-hub" },
        { "ITA ปี พ.ศ.2567", "ita-hub" },
        { "การประเมินคุณธรรมและความโปร่งใส (ITA)", "ita-hub" },
        { "ITA การประเมินคุณธรรมและความโปร่งใส", "ita-hub" },
        { "ศูนย์ปฏิบัติการต่อต้านการทุจริต", "ita-hub" },
        { "ข้อมูลสาธารณะ (OIT)", "ita-hub" },
        // structure, executives, authority
        { "โครงสร้างองค์กร", "org-structure" },
        { "โครงสร้างส่วนราชการ", "org-structure" },
        { "โครงสร้าง อบต.", "org-structure" },
        { "แผนผังโครงสร้างองค์กร", "org-structure" },
        { "o1 โครงสร้างและอำนาจหน้าที่", "org-structure" },
        { "คณะผู้บริหาร", "executives" },
        { "ผู้บริหารส่วนราชการ", "executives" },
        { "ข้อมูลผู้บริหารฝ่ายการเมือง", "executives" },
        { "ข้อมูลผู้บริหารฝ่ายข้าราชการประจำ", "executives" },
        { "O2 : ข้อมูลผู้บริหาร", "executives" },
        { "ผู้บริหารท้องถิ่น", "executives" },
        { "อำนาจหน้าที่ เทศบาล", "authority" },
        { "บทบาทหน้าที่", "authority" },
        { "อำนาจและหน้าที่", "authority" },
        { "OIT 3 อำนาจหน้าที่", "authority" },
        // plans
        { "แผนพัฒนาท้องถิ่น", "development-plan" },
        { "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)", "development-plan" },
        { "แผนพัฒนาท้องถิ่น พ.ศ.2566-2570 แก้ไขครั้งที่ 3", "development-plan" },
        { "แผนยุทธศาสตร์และการพัฒนา", "development-plan" },
        { "ยุทธศาสตร์การพัฒนา", "development-plan" },
        { "แผนการดำเนินงานประจำปี", "operating-plan" },
        { "แผนการดำเนินงานและการใช้จ่ายงบประมาณประจำปี", "operating-plan" },
        { "แผนและความก้าวหน้าในการดำเนินงานและการใช้จ่ายงบประมาณประจำปี", "operating-plan" },
        { "แผนดำเนินงานและการใช้งบประมาณประจำปี", "operating-plan" },
        { "รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณประจำปีรอบ6เดือน", "operating-progress-h1" },
        { "4.2 รายงานการกำกับติดตามการดำเนินงานประจำปีรอบ 6 เดือน", "operating-progress-h1" },
        { "รายงานผลการดำเนินงาน รอบ 6 เดือน", "operating-progress-h1" },
        { "รายงานผลการดำเนินงาน ประจำปีงบประมาณ", "operating-annual-report" },
        { "รายงานติดตามและประเมินผลแผนพัฒนา", "operating-annual-report" },
        { "รายงานติดตามและประเมินผลแผนฯ", "operating-annual-report" },
        { "เทศบัญญัติงบประมาณรายจ่าย", "budget-plan" },
        { "ข้อบัญญัติงบประมาณ", "budget-plan" },
        { "แผนการใช้จ่ายเงินงบประมาณประจำปี", "budget-plan" },
        { "รายงานการกำกับติดตามการใช้จ่ายงบประมาณ รอบ 6 เดือน", "budget-progress-h1" },
        { "รายงานผลการใช้จ่ายงบประมาณประจำปี", "budget-annual-report" },
        { "งบแสดงฐานะการเงิน ประจำปี 2567", "budget-annual-report" },
        // services
        { "คู่มือสำหรับประชาชน", "service-manual" },
        { "คู่มือหรือมาตรฐานการให้บริการ", "service-manual" },
        { "คู่มือหรือแนวทางการขอรับบริการสำหรับผู้รับบริการหรือผู้มาติดต่อ", "service-manual" },
        { "คู่มือหรือมาตรฐานการปฏิบัติงาน", "staff-manual" },
        { "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", "staff-manual" },
        { "คู่มือการปฏิบัติงาน งานสารบรรณ", "staff-manual" },
        { "E-Service", "e-service" },
        { "บริการออนไลน์ E-Service", "e-service" },
        { "จองคิวติดต่อราชการออนไลน์", "e-service" },
        { "ข้อมูลเชิงสถิติการให้บริการ", "service-statistics" },
        { "ข้อมูลสถิติการให้บริการ", "service-statistics" },
        { "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "satisfaction-survey" },
        { "คำถามที่พบบ่อย", "qa" },
        { "กระดานกระทู้ (ถาม-ตอบ)", "qa" },
        { "Q&A", "qa" },
        { "เว็บบอร์ด", "qa" },
        { "Social Network", "social-network" },
        { "เฟซบุ๊ก อบต.ภูกระดึง", "social-network" },
        { "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "privacy-policy" },
        { "Privacy Policy", "privacy-policy" },
        { "ติดต่อเรา", "contact" },
        { "ติดต่อ/แผนที่", "contact" },
        { "ข้อมูลการติดต่อ", "contact" },
        { "ข่าวประชาสัมพันธ์", "news" },
        { "ข่าวประชาสัมพันธ์/ข่าวประกาศ", "news" },
        { "กฎหมายที่เกี่ยวข้อง", "laws" },
        { "กฎหมายและระเบียบท้องถิ่น", "laws" },
        // procurement
        { "แผนการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", "procurement-plan" },
        { "แผนปฏิบัติการจัดซื้อจัดจ้าง", "procurement-plan" },
        { "แผนการจัดหาพัสดุและแผนปฏิบัติการจัดซื้อจัดจ้าง", "procurement-plan" },
        { "ประกาศจัดซื้อจัดจ้าง", "procurement-notices" },
        { "ประกาศราคากลาง", "procurement-notices" },
        { "ข่าวจัดซื้อจัดจ้างจากระบบ e-GP", "procurement-notices" },
        { "สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1)", "procurement-progress" },
        { "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน", "procurement-progress" },
        { "ความก้าวหน้าในการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", "procurement-progress" },
        { "ข้อมูลสาระสำคัญในสัญญา", "procurement-progress" },
        { "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", "procurement-annual-report" },
        { "รายงานสรุปผลการจัดซื้อจัดจ้างประจำปี", "procurement-annual-report" },
        // HR and ethics
        { "ประกาศและนโยบายการบริหารทรัพยากรบุคคล", "hr-policy" },
        { "แผนการบริหารและพัฒนาทรัพยากรบุคคล(ประจำปี)", "hr-policy" },
        { "แผนอัตรากำลัง3ปี", "hr-policy" },
        { "แผนพัฒนาบุคลากร 3 ปี", "hr-policy" },
        { "การดำเนินการบริหารทรัพยากรบุคคล", "hr-policy-actions" },
        { "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", "hr-criteria" },
        { "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", "hr-annual-report" },
        { "ประมวลจริยธรรม", "ethics-code" },
        { "ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม", "ethics-code" },
        { "คำสั่ง เรื่องแต่งตั้งคณะทำงานขับเคลื่อนเรื่องจริยธรรม", "ethics-promotion" },
        { "การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ", "ethics-assessment" },
        // complaints and participation
        { "รับเรื่องราวร้องทุกข์และเบาะแสการทุจริต", "complaint-channel" },
        { "รับแจ้งร้องเรียนทุจริตประพฤติมิชอบ", "complaint-channel" },
        { "ร้องเรียนทุจริต", "complaint-channel" },
        { "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "complaint-procedure" },
        { "มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "complaint-procedure" },
        { "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "complaint-statistics" },
        { "สถิติเรื่องร้องเรียนการทุจริต", "complaint-statistics" },
        { "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "participation" },
        { "การเปิดโอกาสให้มีส่วนร่วม", "participation" },
        { "แบบเสนอปัญหาและความต้องการของประชาชน", "feedback-channel" },
        { "ช่องทางการรับฟังความคิดเห็น", "feedback-channel" },
        // indicator 10
        { "ประกาศเจตนารมณ์การป้องกันและต่อต้านการทุจริตคอรัปชั่น", "integrity-pledge" },
        { "เจตจำนงสุจริตของผู้บริหาร", "integrity-pledge" },
        { "การมีส่วนร่วมของผู้บริหาร", "executive-participation" },
        { "นโยบายไม่รับของขวัญ no gift policy", "no-gift-policy" },
        { "นโยบาย No Gift Policy", "no-gift-policy" },
        { "แสดงเจตจำนงสุจริตและประกาศเจตนารมณ์ เรื่อง \"สุจริต โปร่งใส\" และ \"งดรับ งดให้\" ของขวัญ ของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ " +
            "(No Gift Policy) ประจำปีงบประมาณ พ.ศ. 2568", "no-gift-policy" },
        { "การสร้างวัฒนธรรม No Gift Policy", "no-gift-culture" },
        { "แบบสรุปรายงานตามนโยบาย No Gift Policy", "gift-report" },
        { "แบบสรุปรายงานการรับทรัพย์สินหรือประโยชน์อื่นใดอันอาจคำนวณเป็นเงินได้", "gift-report" },
        { "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบประจำปี", "risk-assessment" },
        { "การประเมินความเสี่ยงเพื่อการป้องกันการทุจริต", "risk-assessment" },
        { "30การประเมินความเสี่ยงการทุจริตในประเด็นที่เกี่ยวข้องกับสินบน", "risk-assessment" },
        { "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต", "risk-management" },
        { "การเสริมสร้างวัฒนธรรมองค์กร", "culture-building" },
        { "แผนปฏิบัติการป้องกันการทุจริต", "anti-corruption-plan" },
        { "แผนปฏิบัติการป้องกันการทุจริต 4 ปี พ.ศ. ๒๕61 – ๒๕๖4", "anti-corruption-plan" },
        { "แผ่นปฏิบัติการป้องกันการทุจริต", "anti-corruption-plan" },
        { "แผนป้องกันการทุจริต", "anti-corruption-plan" },
        { "แผนปฏิบัติการป้องกันปราบปรามการทุจริตและประพฤติมิชอบ", "anti-corruption-plan" },
        { "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต ประจำปี รอบ 6 เดือน", "anti-corruption-progress-h1" },
        { "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี", "anti-corruption-annual-report" },
        { "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567", "integrity-measures" },
        { "มาตรการป้องกันการรับสินบน", "integrity-measures" },
        { "มาตรการตรวจสอบการใช้ดุลพินิจ", "integrity-measures" },
        { "มาตรการป้องกันการขัดกันระหว่างผลประโยชน์ส่วนตนกับผลประโยชน์ส่วนรวม", "integrity-measures" },
        { "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "integrity-measures-actions" },
        // negatives (disclosure-kinds.md): news about ITA, LPA, laws, placeholders, templates, council members, village heads
        { "ประชุมชี้แจงแนวทางการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA) ประจำปีงบประมาณ พ.ศ. 2568", "" },
        { "พิธีประกาศเจตนารมณ์การป้องกันและต่อต้านการทุจริต ประจำปี 2568", "" },
        { "การประเมินประสิทธิภาพขององค์กรปกครองส่วนท้องถิ่น (LPA) ประจำปี 2567", "" },
        { "LPA", "" },
        { "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560", "" },
        { "พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. 2540", "" },
        { "อยู่ระหว่างจัดทำข้อมูล", "" },
        { "Lorem ipsum dolor sit amet", "" },
        { "สมาชิกสภา อบต.", "" },
        { "สมาชิก อบต.", "" },
        { "กำนัน-ผู้ใหญ่บ้าน", "" },
        { "ผู้นำชุมชน", "" },
        { "เบอร์นายก 0818828495", "" },
        { "วิสัยทัศน์", "" },
        { "สภาพเศรษฐกิจ", "" },
        { "ประวัติความเป็นมา", "" },
        { "สารจากผู้บริหาร", "" },
        { "IIT แบบวัดการรับรู้ภายใน", "" },
        { "ประกาศ อบต.ตัวอย่าง เรื่อง หลักเกณฑ์การเบิกค่าใช้จ่ายในการเดินทางไปราชการ ประจำปีงบประมาณ พ.ศ. 2566", "" },
        { "capital city tour", "" },
    };

    // a general complaints box names the corruption-complaint channel only in part: the kind, marked in part (at most review)
    [Theory]
    [InlineData("รับเรื่องราวร้องทุกข์", true)]
    [InlineData("ช่องทางร้องทุกข์", true)]
    [InlineData("ร้องเรียน/ร้องทุกข์", true)]
    [InlineData("รับเรื่องราวร้องทุกข์และเบาะแสการทุจริต", false)]
    [InlineData("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", false)]
    public void GrievanceBox_IsTheComplaintChannel_NamedInPart_UnlessItSaysCorruption(string text, bool inPart)
    {
        var c = Classifier.Classify(text);
        Assert.Equal("complaint-channel", c.PrimaryKind);
        Assert.Equal(inPart, c.InPart);
    }

    // the in-part rule keeps the vetoes of the full one: statistics, procedures and plans about complaints are not channels,
    // and a box that says it is for general matters says it is not the corruption channel
    [Theory]
    [InlineData("สถิติเรื่องร้องทุกข์", "complaint-statistics")]
    [InlineData("คู่มือการรับเรื่องร้องเรียนร้องทุกข์", "complaint-procedure")]
    [InlineData("ขั้นตอนการร้องทุกข์", "complaint-procedure")]
    [InlineData("รายงานผลการจัดการเรื่องร้องเรียน", "")]
    [InlineData("แผนการจัดการเรื่องร้องเรียน", "")]
    [InlineData("ร้องเรียนร้องทุกข์เรื่องทั่วไป", "")]
    public void ComplaintPapers_AreNotTheChannel_EvenInPart(string text, string expected)
    {
        var c = Classifier.Classify(text);
        Assert.NotEqual("complaint-channel", c.PrimaryKind);
        if (expected.Length > 0) Assert.Equal(expected, c.PrimaryKind);
        Assert.False(c.InPart);
    }

    // a service time standard (Royal Decree on Good Governance s.37) is a service standard; a contract's completion time is not
    [Theory]
    [InlineData("ประกาศ การกำหนดระยะเวลาแล้วเสร็จของงานประจำปี", true)]
    [InlineData("ประกาศมาตรฐานระยะเวลาการให้บริการ ประจำปีงบประมาณ 2563", true)]
    [InlineData("ประกาศ ระยะเวลาการปฏิบัติราชการ ตามพระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี", true)]
    [InlineData("ประกาศลดขั้นตอนและระยะเวลาการปฏิบัติราชการ", true)]
    [InlineData("กำหนดระยะเวลาแล้วเสร็จของงานก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 2", false)]
    [InlineData("สัญญาจ้าง ระยะเวลาแล้วเสร็จภายใน 90 วัน", false)]
    [InlineData("โครงการปรับปรุงถนนลาดยาง ระยะเวลาดำเนินการแล้วเสร็จ", false)]
    public void ServiceTimeStandards_AreServiceManuals_ContractDeadlinesAreNot(string text, bool serviceManual)
    {
        Assert.Equal(serviceManual, Classifier.Classify(text).PrimaryKind == "service-manual");
    }

    [Fact]
    public void PageContent_ConfirmsAKind_OnlyInFull()
    {
        // content that names a grievance box is no confirmation of the corruption channel; content that says corruption is
        Assert.DoesNotContain("complaint-channel", Classifier.KindsMentioned("ช่องทางร้องทุกข์ กรอกชื่อ ที่อยู่ และเรื่องที่ร้องทุกข์"));
        Assert.Contains("complaint-channel", Classifier.KindsMentioned("ช่องทางร้องเรียนการทุจริตและประพฤติมิชอบ"));
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Classify_ReturnsKind_ForLabelVariant(string text, string expected)
    {
        var c = Classifier.Classify(text);
        if (expected.Length == 0)
        {
            Assert.Empty(c.Kinds);
            Assert.Equal(0, c.Confidence);
        }
        else
        {
            Assert.Equal(expected, c.PrimaryKind);
            Assert.InRange(c.Confidence, 0.5, 1.0);
        }
    }

    [Theory]
    [InlineData("o36 รายงาน", 2566, "anti-corruption-annual-report")]
    [InlineData("036 ", 2567, "anti-corruption-annual-report")]
    [InlineData("O36", 2563, "risk-assessment")]
    [InlineData("o23", 2568, "risk-assessment")]
    [InlineData("ข้อ 23", 2568, "risk-assessment")]
    [InlineData("o6", 2568, "operating-plan")]
    [InlineData("OIT1", 2563, "org-structure")]
    public void Classify_ReadsItemCode_OnlyWithItsYear(string text, int year, string expected)
    {
        Assert.Equal(expected, Classifier.Classify(text, null, year).PrimaryKind);
        Assert.Empty(Classifier.Classify(text).Kinds);
    }

    [Fact]
    public void Vocabulary_IsReadFromItsDataFiles_AndNamesOnlyKnownKinds()
    {
        // Data/kind-rules.tsv and Data/disclosure-kinds.tsv are embedded; a bad line fails the first classification loudly
        Assert.Equal(52, DisclosureKinds.All.Count);
        Assert.Equal(DisclosureKinds.All.Count, DisclosureKinds.All.Select(k => k.Id).Distinct().Count());
        Assert.True(KindRules.Rules.Count > 50);
        Assert.All(KindRules.Rules.SelectMany(r => r.Kinds), k => Assert.True(DisclosureKinds.IsKnown(k), k));
        Assert.All(KindRules.Rules, r => Assert.InRange(r.Weight, 0.1, 2.0));
        Assert.Contains("placeholder", KindRules.Vetoes.Select(v => v.Reason));
        Assert.Contains("participation", KindRules.ActivityKinds);
    }

    [Fact]
    public void Classify_LabelBeatsConflictingCode()
    {
        // o36 in 2568 does not exist; the words decide
        var c = Classifier.Classify("o36 แผนปฏิบัติการป้องกันการทุจริต", null, 2568);
        Assert.Equal("anti-corruption-plan", c.PrimaryKind);
        Assert.Equal("o36", c.ItemCode);
    }

    [Fact]
    public void Classify_GivesSpanAndNoSingleYear_ForFiveYearPlan()
    {
        var c = Classifier.Classify("แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ – ๒๕๗๐)");
        Assert.Null(c.FiscalYear);
        Assert.Equal([2566, 2570], c.FiscalYearSpan!);
    }

    [Theory]
    [InlineData("https://www.facebook.com/profile.php?id=100089753126712", "social-network")]
    [InlineData("http://lao.example/ita-all/2568", "ita-hub")]
    [InlineData("http://lao.example/files/%E0%B9%81%E0%B8%9C%E0%B8%99"
        + "%E0%B8%9B%E0%B8%8F%E0%B8%B4%E0%B8%9A%E0%B8%B1%E0%B8%95%E0%B8%B4%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%9B"
        + "%E0%B9%89%E0%B8%AD%E0%B8%87%E0%B8%81%E0%B8%B1%E0%B8%99%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%97%E0%B8%B8"
        + "%E0%B8%88%E0%B8%A3%E0%B8%B4%E0%B8%95.pdf", "anti-corruption-plan")]
    public void Classify_UsesUrl_WhenTextSaysNothing(string url, string expected)
    {
        Assert.Equal(expected, Classifier.Classify("คลิก", url).PrimaryKind);
    }

    [Fact]
    public void Classify_NamesNegativeReason()
    {
        Assert.Equal("placeholder", Classifier.Classify("--- อยู่ระหว่างจัดทำข้อมูล ---").Negative);
        Assert.Equal("lpa", Classifier.Classify("LPA 2567").Negative);
        Assert.Equal("news-article", Classifier.Classify("อบต. จัดประชุมชี้แจงการประเมิน ITA").Negative);
    }
}
