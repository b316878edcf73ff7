<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>About</name>
    <message>
        <source>the whole interface</source>
        <translation>الواجهة كلها</translation>
    </message>
    <message>
        <source>Arabic letters and diacritics</source>
        <translation>الحروف العربية والتشكيل</translation>
    </message>
    <message>
        <source>the project store</source>
        <translation>تخزين المشروع</translation>
    </message>
    <message>
        <source>where settings and logs are kept</source>
        <translation>أماكن حفظ الإعدادات والسجلات</translation>
    </message>
    <message>
        <source>Arabic names of countries and cities, from the Unicode CLDR</source>
        <translation>الأسماء العربية للدول والمدن، من بيانات CLDR لاتحاد يونيكود</translation>
    </message>
    <message>
        <source>; CLDR data under the Unicode License</source>
        <translation>؛ وبيانات CLDR بترخيص يونيكود</translation>
    </message>
    <message>
        <source>the statistical model (CRF)</source>
        <translation>النموذج الإحصائي (CRF)</translation>
    </message>
    <message>
        <source>; CRFsuite: BSD</source>
        <translation>؛ ومكتبة CRFsuite بترخيص BSD</translation>
    </message>
    <message>
        <source>the font of the document text</source>
        <translation>خط نص الوثيقة</translation>
    </message>
    <message>
        <source>the emoji in documents and titles</source>
        <translation>الرموز التعبيرية في الوثائق والعناوين</translation>
    </message>
    <message>
        <source>the default model is trained on its training split. Benajiba, Rosso &amp; Benedí (2007), ANERsys: an Arabic named entity recognition system based on maximum entropy</source>
        <translation>النموذج الافتراضي مدرَّب على قسم التدريب منها. Benajiba, Rosso &amp; Benedí (2007), ANERsys: an Arabic named entity recognition system based on maximum entropy</translation>
    </message>
    <message>
        <source>for research use</source>
        <translation>للاستخدام البحثي</translation>
    </message>
    <message>
        <source>Enab Baladi (عنب بلدي)</source>
        <translation>عنب بلدي (Enab Baladi)</translation>
    </message>
    <message>
        <source>the sample article, 27 May 2025</source>
        <translation>المقالة النموذجية، ٢٧ أيار/مايو ٢٠٢٥</translation>
    </message>
    <message>
        <source>© Enab Baladi; included as a sample with credit</source>
        <translation>© عنب بلدي؛ مضمَّنة نموذجًا مع نسبتها إلى مصدرها</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Tawsim</source>
        <translation>عن توسيم</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>الإصدار {version}</translation>
    </message>
    <message>
        <source>Tawsim · توسيم</source>
        <translation>توسيم · Tawsim</translation>
    </message>
    <message>
        <source>Named-entity annotation for Arabic text</source>
        <translation>توسيم الكيانات المسمّاة في النصوص العربية</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>المكوِّن</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>الاستخدام</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>الترخيص</translation>
    </message>
    <message>
        <source>Tawsim is free software under the GNU GPL, version 3 or later (it builds on PyArabic, which is GPL-3.0). It is built on the work of these projects, whose licences apply to them:</source>
        <translation>توسيم برنامج حر بترخيص جنو العمومي (GPL) الإصدار 3 أو أحدث، لأنه مبني على PyArabic المرخّص بـ GPL-3.0. وهو مبني على عمل المشاريع التالية، ولكلٍّ منها ترخيصه:</translation>
    </message>
</context>
<context>
    <name>AnnotationEditor</name>
    <message>
        <source>{status} · {origin}</source>
        <translation>{status} · {origin}</translation>
    </message>
    <message>
        <source>score {score}</source>
        <translation>الدرجة {score}</translation>
    </message>
    <message>
        <source>characters {start}–{end}</source>
        <translation>المحارف {start}–{end}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Project already open</source>
        <translation>المشروع مفتوح مسبقًا</translation>
    </message>
    <message>
        <source>{problem}.

Open it read-only? You can read and browse the annotations, but not change them.</source>
        <translation>{problem}.

أتفتحه للقراءة فقط؟ ستتمكن من قراءة التوسيمات وتصفحها، لا من تغييرها.</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <source>Opened read-only</source>
        <translation>فُتح للقراءة فقط</translation>
    </message>
    <message>
        <source>{problem}

The project is open read-only so that nothing newer is overwritten. Repair or delete the damaged file, then open the project again.</source>
        <translation>{problem}

المشروع مفتوح للقراءة فقط كي لا يُكتب فوق ما هو أحدث. أصلِح الملف التالف أو احذفه، ثم افتح المشروع من جديد.</translation>
    </message>
</context>
<context>
    <name>Bulk</name>
    <message>
        <source>Change many spans</source>
        <translation>تغيير كيانات كثيرة</translation>
    </message>
    <message>
        <source>It is one step: Undo takes all of it back.</source>
        <translation>إنها خطوة واحدة: التراجع يلغيها كلها.</translation>
    </message>
    <message>
        <source>Ctrl+Z undoes one document; Edit › Undo project-wide operation undoes all.</source>
        <translation>‏Ctrl+Z يتراجع في وثيقة واحدة؛ وتحرير › التراجع عن عملية على مستوى المشروع يتراجع فيها كلها.</translation>
    </message>
    <message>
        <source>Cancel while it runs leaves the project as it was.</source>
        <translation>الإلغاء أثناء التنفيذ يُبقي المشروع كما كان.</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestion(s) in this document?</source>
        <translation>
            <numerusform>قبول %n اقتراح في هذه الوثيقة؟</numerusform>
            <numerusform>قبول اقتراح واحد في هذه الوثيقة؟</numerusform>
            <numerusform>قبول اقتراحين في هذه الوثيقة؟</numerusform>
            <numerusform>قبول %n اقتراحات في هذه الوثيقة؟</numerusform>
            <numerusform>قبول %n اقتراحًا في هذه الوثيقة؟</numerusform>
            <numerusform>قبول %n اقتراح في هذه الوثيقة؟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s) in this document?</source>
        <translation>
            <numerusform>رفض %n اقتراح في هذه الوثيقة؟</numerusform>
            <numerusform>رفض اقتراح واحد في هذه الوثيقة؟</numerusform>
            <numerusform>رفض اقتراحين في هذه الوثيقة؟</numerusform>
            <numerusform>رفض %n اقتراحات في هذه الوثيقة؟</numerusform>
            <numerusform>رفض %n اقتراحًا في هذه الوثيقة؟</numerusform>
            <numerusform>رفض %n اقتراح في هذه الوثيقة؟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestion(s) in the whole project?</source>
        <translation>
            <numerusform>قبول %n اقتراح في المشروع كله؟</numerusform>
            <numerusform>قبول اقتراح واحد في المشروع كله؟</numerusform>
            <numerusform>قبول اقتراحين في المشروع كله؟</numerusform>
            <numerusform>قبول %n اقتراحات في المشروع كله؟</numerusform>
            <numerusform>قبول %n اقتراحًا في المشروع كله؟</numerusform>
            <numerusform>قبول %n اقتراح في المشروع كله؟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s) in the whole project?</source>
        <translation>
            <numerusform>رفض %n اقتراح في المشروع كله؟</numerusform>
            <numerusform>رفض اقتراح واحد في المشروع كله؟</numerusform>
            <numerusform>رفض اقتراحين في المشروع كله؟</numerusform>
            <numerusform>رفض %n اقتراحات في المشروع كله؟</numerusform>
            <numerusform>رفض %n اقتراحًا في المشروع كله؟</numerusform>
            <numerusform>رفض %n اقتراح في المشروع كله؟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n suggestion(s) in this document?</source>
        <translation>
            <numerusform>إضافة %n اقتراح في هذه الوثيقة؟</numerusform>
            <numerusform>إضافة اقتراح واحد في هذه الوثيقة؟</numerusform>
            <numerusform>إضافة اقتراحين في هذه الوثيقة؟</numerusform>
            <numerusform>إضافة %n اقتراحات في هذه الوثيقة؟</numerusform>
            <numerusform>إضافة %n اقتراحًا في هذه الوثيقة؟</numerusform>
            <numerusform>إضافة %n اقتراح في هذه الوثيقة؟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n suggestion(s) in the whole project?</source>
        <translation>
            <numerusform>إضافة %n اقتراح في المشروع كله؟</numerusform>
            <numerusform>إضافة اقتراح واحد في المشروع كله؟</numerusform>
            <numerusform>إضافة اقتراحين في المشروع كله؟</numerusform>
            <numerusform>إضافة %n اقتراحات في المشروع كله؟</numerusform>
            <numerusform>إضافة %n اقتراحًا في المشروع كله؟</numerusform>
            <numerusform>إضافة %n اقتراح في المشروع كله؟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Documents touched: %n.</source>
        <translation>
            <numerusform>الوثائق المعنية: %n.</numerusform>
            <numerusform>الوثائق المعنية: وثيقة واحدة.</numerusform>
            <numerusform>الوثائق المعنية: وثيقتان.</numerusform>
            <numerusform>الوثائق المعنية: %n وثائق.</numerusform>
            <numerusform>الوثائق المعنية: %n وثيقة.</numerusform>
            <numerusform>الوثائق المعنية: %n وثيقة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <source>Save…</source>
        <translation>حفظ…</translation>
    </message>
    <message>
        <source>Save this chart as PNG or SVG</source>
        <translation>حفظ هذا الرسم بصيغة PNG أو SVG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>صورة PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>صورة SVG (*.svg)</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>حفظ الرسم</translation>
    </message>
    <message>
        <source>Cannot write {path}</source>
        <translation>تعذّرت الكتابة في {path}</translation>
    </message>
</context>
<context>
    <name>CompareBar</name>
    <message>
        <source>Leave compare mode</source>
        <translation>الخروج من وضع المقارنة</translation>
    </message>
    <message>
        <source>Outlined: the other layer · red wave: a disagreement</source>
        <translation>المحاط بإطار: الطبقة الأخرى · الخط الأحمر المتموج: خلاف</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>المقارنة بـ:</translation>
    </message>
    <message>
        <source>gold (adjudicated)</source>
        <translation>المرجع الذهبي (بعد التحكيم)</translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message>
        <source>Cannot read that layer: {error}</source>
        <translation>تعذّرت قراءة تلك الطبقة: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n disagreement(s)</source>
        <translation>
            <numerusform>لا خلافات</numerusform>
            <numerusform>خلاف واحد</numerusform>
            <numerusform>خلافان</numerusform>
            <numerusform>%Ln خلافات</numerusform>
            <numerusform>%Ln خلافًا</numerusform>
            <numerusform>%Ln خلاف</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>لا شيء</translation>
    </message>
</context>
<context>
    <name>CoreErrors</name>
    <message>
        <source>span [{start}, {end}) is outside the text (need 0 &lt;= start &lt; end &lt;= {length})</source>
        <translation>الكيان [{start}، {end}) خارج النص (يجب أن يكون 0 ≤ البداية &lt; النهاية ≤ {length})</translation>
    </message>
    <message>
        <source>span [{start}, {end}) crosses a line break; an entity lies within one line</source>
        <translation>الكيان [{start}، {end}) يتجاوز نهاية السطر؛ الكيان يقع داخل سطر واحد</translation>
    </message>
    <message>
        <source>span [{start}, {end}) has unknown label {label}; the label set has {labels}</source>
        <translation>الكيان [{start}، {end}) موسوم بوسم غير معروف {label}؛ وسوم المشروع هي {labels}</translation>
    </message>
    <message>
        <source>unknown label {label}; the label set has {labels}</source>
        <translation>وسم غير معروف {label}؛ وسوم المشروع هي {labels}</translation>
    </message>
    <message>
        <source>invalid JSON ({detail})</source>
        <translation>‏JSON غير صالح ({detail})</translation>
    </message>
    <message>
        <source>not valid UTF-8 ({detail})</source>
        <translation>ليس ترميز UTF-8 صالحًا ({detail})</translation>
    </message>
    <message>
        <source>{size} is over the {limit} limit</source>
        <translation>حجمه {size} ويتجاوز الحد {limit}</translation>
    </message>
    <message>
        <source>is a symbolic link; refused (links are not followed)</source>
        <translation>رابط رمزي؛ رُفض (لا تُتبع الروابط)</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>الملف فارغ</translation>
    </message>
    <message>
        <source>the project is open in {who}; close it there or open this one read-only</source>
        <translation>المشروع مفتوح في {who}؛ أغلقه هناك أو افتح هذا للقراءة فقط</translation>
    </message>
    <message>
        <source>label name {name} {problem}</source>
        <translation>اسم الوسم {name} {problem}</translation>
    </message>
    <message>
        <source>label {label}: display name {text} is not valid</source>
        <translation>الوسم {label}: اسم العرض {text} غير صالح</translation>
    </message>
    <message>
        <source>label {label}: colour {colour} is not #RRGGBB</source>
        <translation>الوسم {label}: اللون {colour} ليس بالصيغة #RRGGBB</translation>
    </message>
    <message>
        <source>label {label}: hotkey {key} is not in 1-9</source>
        <translation>الوسم {label}: المفتاح {key} ليس من 1 إلى 9</translation>
    </message>
    <message>
        <source>duplicate label names: {labels}</source>
        <translation>أسماء وسوم مكرّرة: {labels}</translation>
    </message>
    <message>
        <source>duplicate hotkeys: {keys}</source>
        <translation>مفاتيح مكرّرة: {keys}</translation>
    </message>
    <message>
        <source>malformed label set: {detail}</source>
        <translation>مجموعة الوسوم تالفة: {detail}</translation>
    </message>
    <message>
        <source>annotator name {name} may contain letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only (at most 64 characters)</source>
        <translation>لا يحوي اسم المعلِّق {name} إلا حروفًا وأرقامًا و«.» و«_» و«-» (64 محرفًا على الأكثر)</translation>
    </message>
    <message>
        <source>span offsets must be integers</source>
        <translation>يجب أن يكون موضعا الكيان عددين صحيحين</translation>
    </message>
    <message>
        <source>span status {status} is not one of {statuses}</source>
        <translation>حالة الكيان {status} ليست من {statuses}</translation>
    </message>
    <message>
        <source>span score {score} {problem}</source>
        <translation>درجة الكيان {score} {problem}</translation>
    </message>
    <message>
        <source>span origin {origin} is not valid text</source>
        <translation>مصدر الكيان {origin} ليس نصًّا صالحًا</translation>
    </message>
    <message>
        <source>span time stamp {stamp} {problem}</source>
        <translation>وقت الكيان {stamp} {problem}</translation>
    </message>
    <message>
        <source>span suggested_by {origin} is not valid text</source>
        <translation>مُقترِح الكيان {origin} ليس نصًّا صالحًا</translation>
    </message>
    <message>
        <source>a document&apos;s text must be text</source>
        <translation>يجب أن يكون نص الوثيقة نصًّا</translation>
    </message>
    <message>
        <source>the document text: {problem}</source>
        <translation>نص الوثيقة: {problem}</translation>
    </message>
    <message>
        <source>document title {title} is not valid text</source>
        <translation>عنوان الوثيقة {title} ليس نصًّا صالحًا</translation>
    </message>
    <message>
        <source>document metadata must be an object</source>
        <translation>يجب أن تكون البيانات الوصفية للوثيقة كائنًا</translation>
    </message>
    <message>
        <source>document metadata {problem}</source>
        <translation>البيانات الوصفية للوثيقة: {problem}</translation>
    </message>
    <message>
        <source>document id {id} is not 16 hex digits; refused</source>
        <translation>معرّف الوثيقة {id} ليس 16 رقمًا ست عشريًا؛ رُفض</translation>
    </message>
    <message>
        <source>outside the project {folder}; refused</source>
        <translation>خارج المشروع {folder}؛ رُفض</translation>
    </message>
    <message>
        <source>cannot read ({detail})</source>
        <translation>تتعذّر القراءة ({detail})</translation>
    </message>
    <message>
        <source>is a symbolic link inside the project; refused (Tawsim never follows links in a project folder; replace it with the real file)</source>
        <translation>رابط رمزي داخل المشروع؛ رُفض (لا يتبع توسيم الروابط في مجلد المشروع أبدًا؛ ضع الملف الحقيقي مكانه)</translation>
    </message>
    <message>
        <source>the document&apos;s text is missing</source>
        <translation>نص الوثيقة مفقود</translation>
    </message>
    <message>
        <source>the document text is not valid UTF-8</source>
        <translation>نص الوثيقة ليس UTF-8 صالحًا</translation>
    </message>
    <message>
        <source>the text does not match its document id (it was changed); refused</source>
        <translation>النص لا يطابق معرّف وثيقته (غُيِّر)؛ رُفض</translation>
    </message>
    <message>
        <source>cannot create the folder ({detail})</source>
        <translation>يتعذّر إنشاء المجلد ({detail})</translation>
    </message>
    <message>
        <source>is not a folder; refused</source>
        <translation>ليس مجلدًا؛ رُفض</translation>
    </message>
    <message>
        <source>is a symbolic link; refused (delete it to open the project)</source>
        <translation>رابط رمزي؛ رُفض (احذفه لفتح المشروع)</translation>
    </message>
    <message>
        <source>cannot take the project&apos;s lock ({detail}); open the project read-only</source>
        <translation>يتعذّر قفل المشروع ({detail})؛ افتحه للقراءة فقط</translation>
    </message>
    <message>
        <source>cannot open ({detail})</source>
        <translation>يتعذّر الفتح ({detail})</translation>
    </message>
    <message>
        <source>is not a regular file; refused</source>
        <translation>ليس ملفًا عاديًا؛ رُفض</translation>
    </message>
    <message>
        <source>cannot write the document text ({detail})</source>
        <translation>تتعذّر كتابة نص الوثيقة ({detail})</translation>
    </message>
    <message>
        <source>file {problem} and there is no backup to fall back to</source>
        <translation>الملف {problem} ولا نسخة احتياطية يُرجَع إليها</translation>
    </message>
    <message>
        <source>file {problem} and its backup {backup} too ({detail})</source>
        <translation>الملف {problem} ونسخته الاحتياطية {backup} كذلك ({detail})</translation>
    </message>
    <message>
        <source>the project is open read-only</source>
        <translation>المشروع مفتوح للقراءة فقط</translation>
    </message>
    <message>
        <source>is unreadable (corrupt: {detail})</source>
        <translation>غير مقروء (تالف: {detail})</translation>
    </message>
    <message>
        <source>file {problem}; showing the previous version from {backup}, read-only (repair or delete {file} to edit it again)</source>
        <translation>الملف {problem}؛ تُعرض النسخة السابقة من {backup} للقراءة فقط (أصلِح {file} أو احذفه لتعدّله من جديد)</translation>
    </message>
    <message>
        <source>not valid UTF-8</source>
        <translation>ليس ترميز UTF-8 صالحًا</translation>
    </message>
    <message>
        <source>not a Tawsim journal header</source>
        <translation>ليس ترويسة سجل تغييرات من توسيم</translation>
    </message>
    <message>
        <source>this journal was written on another version of {file}</source>
        <translation>كُتب سجل التغييرات هذا على نسخة أخرى من {file}</translation>
    </message>
    <message>
        <source>{problem}; showing the layer as of the record before, read-only (repair or delete {journal} to edit it again)</source>
        <translation>{problem}؛ تُعرض الطبقة كما كانت عند القيد السابق، للقراءة فقط (أصلِح {journal} أو احذفه لتعدّلها من جديد)</translation>
    </message>
    <message>
        <source>{problem}; showing the layer without it, read-only (compact it in the copy that wrote it, or delete {journal} to edit the layer again)</source>
        <translation>{problem}؛ تُعرض الطبقة من دونه، للقراءة فقط (ادمجه في الطبقة في النسخة التي كتبته، أو احذف {journal} لتعدّل الطبقة من جديد)</translation>
    </message>
    <message>
        <source>expected a JSON object at the top level</source>
        <translation>المتوقَّع كائن JSON في المستوى الأعلى</translation>
    </message>
    <message>
        <source>could not save ({detail})</source>
        <translation>تعذّر الحفظ ({detail})</translation>
    </message>
    <message>
        <source>changed on disk since it was read; not saved (the project reloads it)</source>
        <translation>تغيّر على القرص منذ قراءته؛ لم يُحفظ (يعيد المشروع قراءته)</translation>
    </message>
    <message>
        <source>not a Tawsim project (no {file})</source>
        <translation>ليس مشروع توسيم (لا ملف {file} فيه)</translation>
    </message>
    <message>
        <source>written by a newer Tawsim (schema {version}; this version reads up to {supported}); update Tawsim to open it</source>
        <translation>كتبه إصدار أحدث من توسيم (المخطط {version}، وهذا الإصدار يقرأ حتى {supported})؛ حدّث توسيم لفتحه</translation>
    </message>
    <message>
        <source>malformed project file ({detail})</source>
        <translation>ملف المشروع تالف ({detail})</translation>
    </message>
    <message>
        <source>a project already exists there</source>
        <translation>في هذا المجلد مشروع من قبل</translation>
    </message>
    <message>
        <source>no document {id}</source>
        <translation>لا وثيقة بالمعرّف {id}</translation>
    </message>
    <message>
        <source>could not save the document index ({detail})</source>
        <translation>تعذّر حفظ فهرس الوثائق ({detail})</translation>
    </message>
    <message>
        <source>no annotator given; pass --annotator or set one</source>
        <translation>لم يُذكر معلِّق؛ مرّر ⁦--annotator⁩ أو عيّن معلِّقًا</translation>
    </message>
    <message>
        <source>index shard {shard} is not two hex digits; refused</source>
        <translation>جزء الفهرس {shard} ليس رقمين ست عشريين؛ رُفض</translation>
    </message>
    <message>
        <source>document entry {key}: not an object</source>
        <translation>مدخل الوثيقة {key}: ليس كائنًا</translation>
    </message>
    <message>
        <source>document entry {key}: {problem}</source>
        <translation>مدخل الوثيقة {key}: {problem}</translation>
    </message>
    <message>
        <source>document entry {key}: document {id} belongs in shard {expected}, not {shard}; refused</source>
        <translation>مدخل الوثيقة {key}: مكان الوثيقة {id} الجزء {expected} لا {shard}؛ رُفض</translation>
    </message>
    <message>
        <source>malformed span {key} ({detail})</source>
        <translation>كيان تالف {key} ({detail})</translation>
    </message>
    <message>
        <source>document status {status} is not one of {statuses}</source>
        <translation>حالة الوثيقة {status} ليست من {statuses}</translation>
    </message>
</context>
<context>
    <name>CoreProblems</name>
    <message>
        <source>is empty</source>
        <translation>فارغ</translation>
    </message>
    <message>
        <source>is longer than 64 characters</source>
        <translation>أطول من 64 محرفًا</translation>
    </message>
    <message>
        <source>contains a control character or line break</source>
        <translation>فيه محرف تحكّم أو فاصل أسطر</translation>
    </message>
    <message>
        <source>contains white space (a CoNLL tag is one token)</source>
        <translation>فيه مسافة (وسم CoNLL وحدة واحدة)</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>ليس عددًا</translation>
    </message>
    <message>
        <source>is not between 0 and 1</source>
        <translation>ليس بين 0 و1</translation>
    </message>
    <message>
        <source>is not a plausible time</source>
        <translation>ليس وقتًا معقولًا</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>مفقود</translation>
    </message>
    <message>
        <source>holds a lone surrogate (not valid Unicode)</source>
        <translation>فيه نصف زوج بديل منفرد (ليس يونيكود صالحًا)</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>لا وثائق</numerusform>
            <numerusform>وثيقة واحدة</numerusform>
            <numerusform>وثيقتان</numerusform>
            <numerusform>%n وثائق</numerusform>
            <numerusform>%n وثيقة</numerusform>
            <numerusform>%n وثيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) added</source>
        <translation>
            <numerusform>لم تُضف أي وثيقة</numerusform>
            <numerusform>أُضيفت وثيقة واحدة</numerusform>
            <numerusform>أُضيفت وثيقتان</numerusform>
            <numerusform>أُضيفت %n وثائق</numerusform>
            <numerusform>أُضيفت %n وثيقة</numerusform>
            <numerusform>أُضيفت %n وثيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>لا كيانات</numerusform>
            <numerusform>كيان واحد</numerusform>
            <numerusform>كيانان</numerusform>
            <numerusform>%n كيانات</numerusform>
            <numerusform>%n كيانًا</numerusform>
            <numerusform>%n كيان</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the project</source>
        <translation>
            <numerusform>، وليس منها شيء في المشروع مسبقًا</numerusform>
            <numerusform>، منها واحدة في المشروع مسبقًا</numerusform>
            <numerusform>، منها اثنتان في المشروع مسبقًا</numerusform>
            <numerusform>، منها %n في المشروع مسبقًا</numerusform>
            <numerusform>، منها %n في المشروع مسبقًا</numerusform>
            <numerusform>، منها %n في المشروع مسبقًا</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; {failed} of %n file(s) could not be imported</source>
        <translation>
            <numerusform>؛ وتعذّر استيراد {failed} من الملفات</numerusform>
            <numerusform>؛ وتعذّر استيراد {failed} من ملف واحد</numerusform>
            <numerusform>؛ وتعذّر استيراد {failed} من ملفين</numerusform>
            <numerusform>؛ وتعذّر استيراد {failed} من %n ملفات</numerusform>
            <numerusform>؛ وتعذّر استيراد {failed} من %n ملفًا</numerusform>
            <numerusform>؛ وتعذّر استيراد {failed} من %n ملف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n span(s) could not be kept exactly</source>
        <translation>
            <numerusform>؛ وحُفظت كل الكيانات بدقة</numerusform>
            <numerusform>؛ وتعذّر الحفاظ على كيان واحد بدقة</numerusform>
            <numerusform>؛ وتعذّر الحفاظ على كيانين بدقة</numerusform>
            <numerusform>؛ وتعذّر الحفاظ على %n كيانات بدقة</numerusform>
            <numerusform>؛ وتعذّر الحفاظ على %n كيانًا بدقة</numerusform>
            <numerusform>؛ وتعذّر الحفاظ على %n كيان بدقة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationPanel</name>
    <message>
        <source>Keys: ↑↓ move · 1–9 pick a version · 0/Del none · E edit · A accept agreed</source>
        <translation>المفاتيح: ↑↓ للتنقل · 1–9 لاختيار نسخة · 0/Del لا شيء · E للتعديل · A لقبول المتفق عليه</translation>
    </message>
    <message>
        <source>Accept all agreed (A)</source>
        <translation>قبول كل المتفق عليه (A)</translation>
    </message>
    <message>
        <source>No document open.</source>
        <translation>لا وثيقة مفتوحة.</translation>
    </message>
    <message>
        <source>Cannot curate this document: {error}</source>
        <translation>تعذّر تحكيم هذه الوثيقة: {error}</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>لا أحد بعد</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;&lt;br&gt;Annotators who worked on it: {names}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;&lt;br&gt;المُعلِّقون الذين عملوا عليها: {names}</translation>
    </message>
    <message>
        <source>No disagreements in this document.</source>
        <translation>لا خلافات في هذه الوثيقة.</translation>
    </message>
    <message numerus="yes">
        <source>Agreed: %n span(s)</source>
        <translation>
            <numerusform>المتفق عليه: %Ln</numerusform>
            <numerusform>المتفق عليه: %Ln</numerusform>
            <numerusform>المتفق عليه: %Ln</numerusform>
            <numerusform>المتفق عليه: %Ln</numerusform>
            <numerusform>المتفق عليه: %Ln</numerusform>
            <numerusform>المتفق عليه: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in gold</source>
        <translation>
            <numerusform>في المرجع الذهبي: %Ln</numerusform>
            <numerusform>في المرجع الذهبي: %Ln</numerusform>
            <numerusform>في المرجع الذهبي: %Ln</numerusform>
            <numerusform>في المرجع الذهبي: %Ln</numerusform>
            <numerusform>في المرجع الذهبي: %Ln</numerusform>
            <numerusform>في المرجع الذهبي: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disagreement(s)</source>
        <translation>
            <numerusform>لا خلافات</numerusform>
            <numerusform>خلاف واحد</numerusform>
            <numerusform>خلافان</numerusform>
            <numerusform>%Ln خلافات</numerusform>
            <numerusform>%Ln خلافًا</numerusform>
            <numerusform>%Ln خلاف</numerusform>
        </translation>
    </message>
    <message>
        <source>0   no span in gold</source>
        <translation>0   لا كيان في المرجع الذهبي</translation>
    </message>
    <message>
        <source>Accept agreed spans into gold</source>
        <translation>قبول الكيانات المتفق عليها في المرجع الذهبي</translation>
    </message>
    <message>
        <source>Settle a disagreement: {label}</source>
        <translation>حسم خلاف: {label}</translation>
    </message>
    <message>
        <source>Settle a disagreement: none</source>
        <translation>حسم خلاف: لا شيء</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Label distribution (accepted spans)</source>
        <translation>توزيع الوسوم (الكيانات المقبولة)</translation>
    </message>
    <message>
        <source>Progress: accepted spans over time</source>
        <translation>التقدّم: الكيانات المقبولة عبر الزمن</translation>
    </message>
    <message>
        <source>Agreement between annotators</source>
        <translation>الاتفاق بين المُعلِّقين</translation>
    </message>
    <message>
        <source>Suggestions accepted, per recommender</source>
        <translation>الاقتراحات المقبولة لكل مُقترِح</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa (tokens)</source>
        <translation>معامل كابا لكوهين (الوحدات)</translation>
    </message>
    <message>
        <source>Exact F1 (spans)</source>
        <translation>مقياس F1 المطابق (الكيانات)</translation>
    </message>
    <message>
        <source>Overlap F1</source>
        <translation>مقياس F1 بالتداخل</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>جارٍ الحساب…</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>جارٍ حساب الإحصاءات…</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>فشل: {error}</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s alpha over {names}: {alpha}</source>
        <translation>معامل ألفا لكريبندورف بين {names}: {alpha}</translation>
    </message>
    <message>
        <source>No accepted spans yet</source>
        <translation>لا كيانات مقبولة بعد</translation>
    </message>
    <message>
        <source>spans</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>accepted spans</source>
        <translation>الكيانات المقبولة</translation>
    </message>
    <message>
        <source>Agreement needs two annotators on the same document</source>
        <translation>يحتاج حساب الاتفاق إلى مُعلِّقَين اثنين على الوثيقة نفسها</translation>
    </message>
    <message>
        <source>No suggestion has been accepted or rejected yet</source>
        <translation>لم يُقبل أي اقتراح أو يُرفض بعد</translation>
    </message>
    <message>
        <source>accepted (%)</source>
        <translation>المقبول (٪)</translation>
    </message>
</context>
<context>
    <name>DisagreementModel</name>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>المرجع الذهبي</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Acc.</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <source>Sugg.</source>
        <translation>مقترحة</translation>
    </message>
    <message>
        <source>Document title</source>
        <translation>عنوان الوثيقة</translation>
    </message>
    <message>
        <source>Your status for the document</source>
        <translation>حالة الوثيقة عندك</translation>
    </message>
    <message>
        <source>Accepted spans</source>
        <translation>الكيانات المقبولة</translation>
    </message>
    <message>
        <source>Open suggestions</source>
        <translation>الاقتراحات المفتوحة</translation>
    </message>
    <message>
        <source>{title}
{length} characters · id {id}</source>
        <translation>{title}
{length} محرفًا · المعرّف {id}</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>New</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>As imported</source>
        <translation>بترتيب الاستيراد</translation>
    </message>
    <message>
        <source>Most useful first</source>
        <translation>الأنفع أولًا</translation>
    </message>
    <message>
        <source>Most useful first: the documents the project model is least sure about</source>
        <translation>الأنفع أولًا: الوثائق التي يقلّ يقين نموذج المشروع بشأنها</translation>
    </message>
    <message>
        <source>Search titles…</source>
        <translation>ابحث في العناوين…</translation>
    </message>
</context>
<context>
    <name>DocumentStatus</name>
    <message>
        <source>new</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>done</source>
        <translation>منجزة</translation>
    </message>
</context>
<context>
    <name>EditVersionDialog</name>
    <message>
        <source>Edit the version for gold</source>
        <translation>تعديل النسخة للمرجع الذهبي</translation>
    </message>
    <message>
        <source>Select the span&apos;s text (Shift+arrows or the mouse), then choose its label.</source>
        <translation>حدِّد نص الكيان (بـShift والأسهم أو بالفأرة)، ثم اختر وسمه.</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>النص:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>الوسم:</translation>
    </message>
    <message>
        <source>Select some text first.</source>
        <translation>حدِّد نصًا أولًا.</translation>
    </message>
</context>
<context>
    <name>EntityPanel</name>
    <message>
        <source>Filter entities…</source>
        <translation>تصفية الكيانات…</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <source>No entities yet.</source>
        <translation>لا كيانات بعد.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Tawsim: something went wrong</source>
        <translation>توسيم: حدث خطأ</translation>
    </message>
    <message>
        <source>Tawsim hit an unexpected problem and could not finish what it was doing.</source>
        <translation>واجه توسيم مشكلة غير متوقعة ولم يتمكن من إتمام ما كان يفعله.</translation>
    </message>
    <message>
        <source>Your annotations are saved as you work, so nothing you did before this is lost. You can go on working, or restart Tawsim if something looks wrong.</source>
        <translation>توسيماتك تُحفظ أولًا بأول، فلم يضع شيء مما أنجزته قبل هذا. يمكنك مواصلة العمل، أو إعادة تشغيل توسيم إن بدا لك خلل.</translation>
    </message>
    <message>
        <source>The details were written to this log file:</source>
        <translation>كُتبت التفاصيل في ملف السجل هذا:</translation>
    </message>
    <message>
        <source>To report it, copy the details and send them with a word on what you did.</source>
        <translation>للإبلاغ عن المشكلة، انسخ التفاصيل وأرسلها مع وصف موجز لما كنت تفعله.</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;نسخ التفاصيل</translation>
    </message>
    <message>
        <source>Open the log &amp;folder</source>
        <translation>فتح &amp;مجلد السجل</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>نُسخت</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export annotations</source>
        <translation>تصدير التوسيمات</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Whitespace tokens (ANERcorp: وسوريا is one token)</source>
        <translation>وحدات بين المسافات (كما في ANERcorp: «وسوريا» وحدة واحدة)</translation>
    </message>
    <message>
        <source>Split at proclitics and span edges (و + سوريا)</source>
        <translation>فصل السوابق المتصلة وحدود الكيانات (و + سوريا)</translation>
    </message>
    <message>
        <source>Outermost spans only</source>
        <translation>الكيانات الخارجية فقط</translation>
    </message>
    <message>
        <source>A tag column per nesting level</source>
        <translation>عمود وسوم لكل مستوى تداخل</translation>
    </message>
    <message>
        <source>None (choose below)</source>
        <translation>بلا (اختر أدناه)</translation>
    </message>
    <message>
        <source>doccano (tab-separated, no -DOCSTART-)</source>
        <translation>doccano (أعمدة تفصلها علامة جدولة، بلا -DOCSTART-)</translation>
    </message>
    <message>
        <source>spaCy (spacy convert)</source>
        <translation>spaCy (للأمر spacy convert)</translation>
    </message>
    <message>
        <source>ANERcorp layout</source>
        <translation>ترتيب ANERcorp</translation>
    </message>
    <message>
        <source>Default of the format</source>
        <translation>الافتراضي في الصيغة</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>الافتراضي</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>مسافة</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>علامة جدولة</translation>
    </message>
    <message>
        <source>When there are several documents</source>
        <translation>عند تعدّد الوثائق</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>كل الوثائق</translation>
    </message>
    <message>
        <source>Only documents marked done</source>
        <translation>الوثائق المنجزة فقط</translation>
    </message>
    <message>
        <source>Include open suggestions (JSONL, Label Studio: as predictions)</source>
        <translation>تضمين الاقتراحات المفتوحة (في JSONL و Label Studio: بوصفها تنبؤات)</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>الحفظ في:</translation>
    </message>
    <message>
        <source>CoNLL tokens:</source>
        <translation>وحدات CoNLL:</translation>
    </message>
    <message>
        <source>Nested spans:</source>
        <translation>الكيانات المتداخلة:</translation>
    </message>
    <message>
        <source>CoNLL for:</source>
        <translation>CoNLL لبرنامج:</translation>
    </message>
    <message>
        <source>CoNLL tags:</source>
        <translation>وسوم CoNLL:</translation>
    </message>
    <message>
        <source>CoNLL columns separated by:</source>
        <translation>فاصل أعمدة CoNLL:</translation>
    </message>
    <message>
        <source>-DOCSTART- lines:</source>
        <translation>أسطر -DOCSTART-:</translation>
    </message>
    <message>
        <source>Annotator&apos;s layer:</source>
        <translation>طبقة المُعلِّق:</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>الوثائق:</translation>
    </message>
    <message>
        <source>Offsets count Unicode code points. Spans a format cannot represent exactly are listed after the export, with the reason.</source>
        <translation>تُعدّ المواضع بنقاط الترميز في يونيكود. والكيانات التي لا تستطيع الصيغة تمثيلها بدقة تُسرد بعد التصدير مع السبب.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Export to a folder</source>
        <translation>التصدير إلى مجلد</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>اختر مكان حفظ الملف المصدَّر.</translation>
    </message>
</context>
<context>
    <name>ExtractorService</name>
    <message>
        <source>Retraining the project model…</source>
        <translation>إعادة تدريب نموذج المشروع…</translation>
    </message>
    <message>
        <source>Nothing to learn from yet: mark documents done first.</source>
        <translation>لا شيء يُتعلَّم منه بعد: علِّم بعض الوثائق منجزة أولًا.</translation>
    </message>
    <message>
        <source>Project model updated ({name}@{version})</source>
        <translation>حُدِّث نموذج المشروع ({name}@{version})</translation>
    </message>
    <message>
        <source>Project model trained ({name}@{version}); it suggests once it errs less than the default model ({project} vs {default} errors)</source>
        <translation>دُرِّب نموذج المشروع ({name}@{version})؛ ويبدأ الاقتراح حين تقل أخطاؤه عن أخطاء النموذج الافتراضي ({project} مقابل {default})</translation>
    </message>
    <message>
        <source>Retraining failed: {message}</source>
        <translation>فشلت إعادة التدريب: {message}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find (ignores diacritics and alef variants)…</source>
        <translation>بحث (يتجاهل التشكيل وصور الألف)…</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>إغلاق شريط البحث (Esc)</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>النتائج: {count}</translation>
    </message>
    <message>
        <source>{index} of {count}</source>
        <translation>{index} من {count}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Tawsim</source>
        <translation>مرحبًا بك في توسيم</translation>
    </message>
    <message>
        <source>Tawsim helps you mark the names of people, places and organisations in Arabic text.</source>
        <translation>يساعدك توسيم على وسم أسماء الأشخاص والأماكن والمنظمات في النصوص العربية.</translation>
    </message>
    <message>
        <source>Begin with:</source>
        <translation>ابدأ بـ:</translation>
    </message>
    <message>
        <source>&amp;The sample article, to try Tawsim at once</source>
        <translation>&amp;المقال التجريبي، لتجربة توسيم فورًا</translation>
    </message>
    <message>
        <source>A &amp;new project of my own</source>
        <translation>مشروع &amp;جديد خاص بي</translation>
    </message>
    <message>
        <source>Your &amp;name as an annotator:</source>
        <translation>&amp;اسمك مُعلِّقًا:</translation>
    </message>
    <message>
        <source>Letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;. Your annotations are saved under it.</source>
        <translation>حروف أو أرقام أو «.» أو «_» أو «-». تُحفظ توسيماتك باسمك هذا.</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;لغة الواجهة:</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;ابدأ</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>“{name}” cannot be used: an annotator name is 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, and starts with a letter or digit.</source>
        <translation>لا يصلح «{name}» اسمًا: اسم المُعلِّق من حرف واحد إلى ٦٤ حرفًا أو رقمًا أو «.» أو «_» أو «-»، ويبدأ بحرف أو رقم.</translation>
    </message>
</context>
<context>
    <name>FirstSteps</name>
    <message>
        <source>To begin: Tab goes to the next suggestion, Enter accepts it, Delete rejects it; 1–9 label a selection. F1 lists every shortcut.</source>
        <translation>للبدء: اضغط Tab للانتقال إلى الاقتراح التالي، ثم Enter لقبوله أو Delete لرفضه؛ والأرقام 1–9 تَسِم النص المحدَّد. ويعرض F1 كل الاختصارات.</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Detect from each file</source>
        <translation>التعرّف من كل ملف</translation>
    </message>
    <message>
        <source>Plain text (one document a file)</source>
        <translation>نص عادي (وثيقة في كل ملف)</translation>
    </message>
    <message>
        <source>JSONL (doccano)</source>
        <translation>JSONL (doccano)</translation>
    </message>
    <message>
        <source>CoNLL (token … tag)</source>
        <translation>CoNLL (وحدة … وسم)</translation>
    </message>
    <message>
        <source>brat (.txt with its .ann)</source>
        <translation>brat (ملف ‎.txt مع ملف ‎.ann الخاص به)</translation>
    </message>
    <message>
        <source>Label Studio JSON</source>
        <translation>Label Studio JSON</translation>
    </message>
    <message>
        <source>WebAnno TSV 3 (INCEpTION)</source>
        <translation>WebAnno TSV 3 (INCEpTION)</translation>
    </message>
    <message>
        <source>CoNLL, IOB2 tags</source>
        <translation>CoNLL، وسوم IOB2</translation>
    </message>
    <message>
        <source>CoNLL, BIOES tags</source>
        <translation>CoNLL، وسوم BIOES</translation>
    </message>
    <message>
        <source>brat (a folder of .txt/.ann pairs)</source>
        <translation>brat (مجلد من أزواج ‎.txt/.ann)</translation>
    </message>
    <message>
        <source>WebAnno TSV 3 (INCEpTION; a folder, one .tsv a document)</source>
        <translation>WebAnno TSV 3 (INCEpTION؛ مجلد فيه ملف .tsv لكل وثيقة)</translation>
    </message>
    <message>
        <source>spaCy DocBin (.spacy)</source>
        <translation>spaCy DocBin (.spacy)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Annotator</source>
        <translation>المُعلِّق</translation>
    </message>
    <message>
        <source>Import documents</source>
        <translation>استيراد وثائق</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>إضافة ملفات…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>إضافة مجلد…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>تعرُّف تلقائي</translation>
    </message>
    <message>
        <source>accepted spans</source>
        <translation>كيانات مقبولة</translation>
    </message>
    <message>
        <source>suggestions to review</source>
        <translation>اقتراحات للمراجعة</translation>
    </message>
    <message>
        <source>Add labels the project does not have yet</source>
        <translation>إضافة الوسوم التي ليست في المشروع بعد</translation>
    </message>
    <message>
        <source>Detect (or e.g. token,_,_,ner)</source>
        <translation>اكتشاف تلقائي (أو مثلًا token,_,_,ner)</translation>
    </message>
    <message>
        <source>Skip malformed lines (each one is listed)</source>
        <translation>تخطّي الأسطر المعيبة (مع سرد كل سطر منها)</translation>
    </message>
    <message>
        <source>Refuse the file</source>
        <translation>رفض الملف</translation>
    </message>
    <message>
        <source>Put their spans in a layer of their own</source>
        <translation>وضع كياناتها في طبقة خاصة بها</translation>
    </message>
    <message>
        <source>Leave their spans out</source>
        <translation>إسقاط كياناتها</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <source>CoNLL tags:</source>
        <translation>وسوم CoNLL:</translation>
    </message>
    <message>
        <source>CoNLL columns:</source>
        <translation>أعمدة CoNLL:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>الترميز:</translation>
    </message>
    <message>
        <source>Import spans as:</source>
        <translation>استيراد الكيانات بوصفها:</translation>
    </message>
    <message>
        <source>Into the layer of:</source>
        <translation>في طبقة:</translation>
    </message>
    <message>
        <source>Copies with other spans:</source>
        <translation>نسخ النص نفسه بكيانات أخرى:</translation>
    </message>
    <message>
        <source>Folders are read recursively. A file that fails is skipped as a whole; the others are imported. Texts already in the project are not duplicated.</source>
        <translation>تُقرأ المجلدات بكل ما فيها من مجلدات فرعية. والملف الذي يتعذّر استيراده يُتخطّى كله، وتُستورد الملفات الأخرى. ولا تتكرر النصوص الموجودة في المشروع.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Files and folders:</source>
        <translation>الملفات والمجلدات:</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <source>Corpus files (*.txt *.jsonl *.ndjson *.json *.conll *.conllu *.iob *.bio *.tsv);;All files (*)</source>
        <translation>ملفات المدوّنات (*.txt *.jsonl *.ndjson *.json *.conll *.conllu *.iob *.bio *.tsv);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>استيراد مجلد</translation>
    </message>
</context>
<context>
    <name>InterfaceActions</name>
    <message>
        <source>The new interface settings apply when Tawsim restarts.</source>
        <translation>تسري إعدادات الواجهة الجديدة عند إعادة تشغيل توسيم.</translation>
    </message>
</context>
<context>
    <name>LabelBar</name>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>{name}: {en} · {ar} — key {key}</source>
        <translation>{name}: {ar} · {en} — المفتاح {key}</translation>
    </message>
</context>
<context>
    <name>LabelSetDialog</name>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;حذف…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>إلى الأ&amp;على</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>إلى الأ&amp;سفل</translation>
    </message>
    <message>
        <source>&amp;Colour…</source>
        <translation>ال&amp;لون…</translation>
    </message>
    <message>
        <source>A name is what files store (any letters, no spaces): it cannot change once spans use it. The English and Arabic names are what the interface shows. Keys 1–9 label a selection.</source>
        <translation>الاسم هو ما تحفظه الملفات (أي حروف، بلا مسافات): لا يتغيّر بعد أن تستعمله الكيانات. والاسمان العربي والإنجليزي هما ما تعرضه الواجهة. والمفاتيح ١–٩ تَسِم التحديد.</translation>
    </message>
    <message>
        <source>{name}: the key must be a digit from 1 to 9, or empty</source>
        <translation>{name}: المفتاح رقم من ١ إلى ٩، أو فارغ</translation>
    </message>
    <message>
        <source>Label name “{name}” {problem}</source>
        <translation>اسم الوسم «{name}»: {problem}</translation>
    </message>
    <message>
        <source>“{name}” is in use and there is no other label.</source>
        <translation>«{name}» مستعمل ولا وسم غيره.</translation>
    </message>
    <message numerus="yes">
        <source>“{name}” is used by %n span(s) in other annotators&apos; layers; it cannot be removed.</source>
        <translation>
            <numerusform>لا كيانات بالوسم «{name}» في طبقات معلّقين آخرين؛ فلا يمكن حذفه.</numerusform>
            <numerusform>كيان واحد بالوسم «{name}» في طبقات معلّقين آخرين؛ فلا يمكن حذفه.</numerusform>
            <numerusform>كيانان بالوسم «{name}» في طبقات معلّقين آخرين؛ فلا يمكن حذفه.</numerusform>
            <numerusform>%n كيانات بالوسم «{name}» في طبقات معلّقين آخرين؛ فلا يمكن حذفه.</numerusform>
            <numerusform>%n كيانًا بالوسم «{name}» في طبقات معلّقين آخرين؛ فلا يمكن حذفه.</numerusform>
            <numerusform>%n كيان بالوسم «{name}» في طبقات معلّقين آخرين؛ فلا يمكن حذفه.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) use “{name}”. Relabel them to:</source>
        <translation>
            <numerusform>لا كيانات بالوسم «{name}». وسمها بـ:</numerusform>
            <numerusform>كيان واحد بالوسم «{name}». وسمه بـ:</numerusform>
            <numerusform>كيانان بالوسم «{name}». وسمهما بـ:</numerusform>
            <numerusform>%n كيانات بالوسم «{name}». وسمها بـ:</numerusform>
            <numerusform>%n كيانًا بالوسم «{name}». وسمها بـ:</numerusform>
            <numerusform>%n كيان بالوسم «{name}». وسمها بـ:</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove a label</source>
        <translation>حذف وسم</translation>
    </message>
    <message>
        <source>Label colour</source>
        <translation>لون الوسم</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> [read-only]</source>
        <translation> [للقراءة فقط]</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;Spans</source>
        <translation>&amp;كيانات</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;المشروع</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;وثيقة</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>شريط الأدوات الرئيسي</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>⟳ Retraining the project model…</source>
        <translation>⟳ إعادة تدريب نموذج المشروع…</translation>
    </message>
    <message>
        <source>Learning from your finished documents, in the background</source>
        <translation>يتعلم من وثائقك المنجزة، في الخلفية</translation>
    </message>
    <message>
        <source>Annotator: {name}</source>
        <translation>المُعلِّق: {name}</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>للقراءة فقط</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>حُفظت كل التغييرات</translation>
    </message>
    <message>
        <source>{status} · accepted {accepted} · suggested {suggested} · rejected {rejected}</source>
        <translation>{status} · مقبولة: {accepted} · مقترحة: {suggested} · مرفوضة: {rejected}</translation>
    </message>
    <message>
        <source>⚠ Save failed — showing what is on disk</source>
        <translation>⚠ فشل الحفظ — المعروض هو ما على القرص</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>تعذّر الحفظ</translation>
    </message>
    <message>
        <source>The change could not be saved:

{message}

The view now shows what is on disk.</source>
        <translation>تعذّر حفظ التغيير:

{message}

المعروض الآن هو ما على القرص.</translation>
    </message>
    <message>
        <source>Recommender settings saved; they apply to the next suggestions.</source>
        <translation>حُفظت إعدادات المُقترِحات، وتسري على الاقتراحات القادمة.</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <source>For example: Syrian news 2025</source>
        <translation>مثلًا: أخبار سورية 2025</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Person, place, organisation, miscellaneous</source>
        <translation>شخص، مكان، منظمة، متفرقات</translation>
    </message>
    <message>
        <source>Empty: I will add my own labels</source>
        <translation>فارغة: سأضيف وسومي بنفسي</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>إضافة ملفات…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>إضافة مجلد…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>الا&amp;سم:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>المجل&amp;د:</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>ال&amp;وسوم:</translation>
    </message>
    <message>
        <source>Import now (optional):</source>
        <translation>استيراد الآن (اختياري):</translation>
    </message>
    <message>
        <source>Create project</source>
        <translation>إنشاء المشروع</translation>
    </message>
    <message>
        <source>Give the project a name.</source>
        <translation>سمِّ المشروع.</translation>
    </message>
    <message>
        <source>Choose a folder for the project.</source>
        <translation>اختر مجلدًا للمشروع.</translation>
    </message>
    <message>
        <source>There is a project in that folder already: open it instead.</source>
        <translation>في هذا المجلد مشروع من قبل: افتحه بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>The folder is not empty: choose a new or an empty folder.</source>
        <translation>المجلد ليس فارغًا: اختر مجلدًا جديدًا أو فارغًا.</translation>
    </message>
    <message>
        <source>Not found: {path}</source>
        <translation>غير موجود: {path}</translation>
    </message>
    <message>
        <source>Folder for the new project</source>
        <translation>مجلد المشروع الجديد</translation>
    </message>
    <message>
        <source>Files to import</source>
        <translation>ملفات للاستيراد</translation>
    </message>
    <message>
        <source>Texts and corpora (*.txt *.jsonl *.json *.conll *.ann *.tsv);;All files (*)</source>
        <translation>نصوص ومدوّنات (*.txt *.jsonl *.json *.conll *.ann *.tsv);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Folder to import</source>
        <translation>مجلد للاستيراد</translation>
    </message>
</context>
<context>
    <name>Origin</name>
    <message>
        <source>by hand</source>
        <translation>يدوي</translation>
    </message>
    <message>
        <source>name lists</source>
        <translation>قوائم الأسماء</translation>
    </message>
    <message>
        <source>rules</source>
        <translation>القواعد</translation>
    </message>
    <message>
        <source>project memory</source>
        <translation>ذاكرة المشروع</translation>
    </message>
    <message>
        <source>statistical model</source>
        <translation>النموذج الإحصائي</translation>
    </message>
    <message>
        <source>project model</source>
        <translation>نموذج المشروع</translation>
    </message>
    <message>
        <source>label all occurrences</source>
        <translation>وسم كل المواضع</translation>
    </message>
    <message>
        <source>Latin-script names</source>
        <translation>الأسماء بالحرف اللاتيني</translation>
    </message>
    <message>
        <source>imported from {file}</source>
        <translation>مستورد من {file}</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>التفضيلات</translation>
    </message>
    <message>
        <source>Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩)</source>
        <translation>الأرقام المشرقية (٠١٢٣٤٥٦٧٨٩)</translation>
    </message>
    <message>
        <source>Western digits (0123456789)</source>
        <translation>الأرقام الغربية (0123456789)</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;لغة الواجهة:</translation>
    </message>
    <message>
        <source>&amp;Numbers in the interface:</source>
        <translation>&amp;الأرقام في الواجهة:</translation>
    </message>
    <message>
        <source>The new language and digits apply when Tawsim restarts. Your annotations are saved as you work, so restarting loses nothing. Exported files always use Western digits, and the text of your documents is never changed.</source>
        <translation>تسري اللغة والأرقام الجديدة عند إعادة تشغيل توسيم. توسيماتك تُحفظ أولًا بأول، فلا تضيع إعادة التشغيل شيئًا. وتستخدم الملفات المصدَّرة الأرقام الغربية دائمًا، ولا يتغير نص وثائقك أبدًا.</translation>
    </message>
    <message>
        <source>Save and &amp;restart now</source>
        <translation>حفظ وإعادة ال&amp;تشغيل الآن</translation>
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <source>Sample: Enab Baladi</source>
        <translation>نموذج: عنب بلدي</translation>
    </message>
</context>
<context>
    <name>ProjectActions</name>
    <message>
        <source>Recent projects</source>
        <translation>المشاريع الأخيرة</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <source>Open a project folder</source>
        <translation>فتح مجلد مشروع</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <source>{folder} is not a Tawsim project (it has no project.json).</source>
        <translation>‏{folder} ليس مشروع توسيم (لا ملف project.json فيه).</translation>
    </message>
    <message>
        <source>That project is the one open.</source>
        <translation>هذا هو المشروع المفتوح.</translation>
    </message>
    <message>
        <source>{folder} (missing)</source>
        <translation>{folder} (غير موجود)</translation>
    </message>
    <message>
        <source>No projects yet</source>
        <translation>لا مشاريع بعد</translation>
    </message>
    <message>
        <source>The project is open read-only; nothing can be changed.</source>
        <translation>المشروع مفتوح للقراءة فقط؛ لا يمكن تغيير شيء.</translation>
    </message>
    <message>
        <source>Edit the labels</source>
        <translation>تعديل الوسوم</translation>
    </message>
</context>
<context>
    <name>ProjectDecisions</name>
    <message>
        <source>Reject all suggestions</source>
        <translation>رفض كل الاقتراحات</translation>
    </message>
    <message>
        <source>Reject every open suggestion in this document</source>
        <translation>رفض كل اقتراح مفتوح في هذه الوثيقة</translation>
    </message>
    <message>
        <source>Accept all suggestions in the project…</source>
        <translation>قبول كل الاقتراحات في المشروع…</translation>
    </message>
    <message>
        <source>Accept every open suggestion in every document</source>
        <translation>قبول كل اقتراح مفتوح في كل الوثائق</translation>
    </message>
    <message>
        <source>Reject all suggestions in the project…</source>
        <translation>رفض كل الاقتراحات في المشروع…</translation>
    </message>
    <message>
        <source>Reject every open suggestion in every document</source>
        <translation>رفض كل اقتراح مفتوح في كل الوثائق</translation>
    </message>
    <message>
        <source>Undo project-wide operation</source>
        <translation>التراجع عن عملية على مستوى المشروع</translation>
    </message>
    <message>
        <source>Take back the last change made to every document at once</source>
        <translation>إلغاء آخر تغيير طُبّق على كل الوثائق دفعة واحدة</translation>
    </message>
    <message>
        <source>Undo project-wide operation: {text}</source>
        <translation>التراجع عن عملية على مستوى المشروع: {text}</translation>
    </message>
    <message>
        <source>No open suggestions in this document.</source>
        <translation>لا اقتراحات مفتوحة في هذه الوثيقة.</translation>
    </message>
    <message>
        <source>Reject suggestions: {count}</source>
        <translation>رفض الاقتراحات: {count}</translation>
    </message>
    <message>
        <source>There are no open suggestions in the project.</source>
        <translation>لا اقتراحات مفتوحة في المشروع.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>Accept all suggestions in the project</source>
        <translation>قبول كل الاقتراحات في المشروع</translation>
    </message>
    <message>
        <source>Reject all suggestions in the project</source>
        <translation>رفض كل الاقتراحات في المشروع</translation>
    </message>
    <message numerus="yes">
        <source>Accepted {count} suggestions in %n document(s).</source>
        <translation>
            <numerusform>قُبل {count} من الاقتراحات في لا وثيقة.</numerusform>
            <numerusform>قُبل {count} من الاقتراحات في وثيقة واحدة.</numerusform>
            <numerusform>قُبل {count} من الاقتراحات في وثيقتين.</numerusform>
            <numerusform>قُبل {count} من الاقتراحات في %n وثائق.</numerusform>
            <numerusform>قُبل {count} من الاقتراحات في %n وثيقة.</numerusform>
            <numerusform>قُبل {count} من الاقتراحات في %n وثيقة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected {count} suggestions in %n document(s).</source>
        <translation>
            <numerusform>رُفض {count} من الاقتراحات في لا وثيقة.</numerusform>
            <numerusform>رُفض {count} من الاقتراحات في وثيقة واحدة.</numerusform>
            <numerusform>رُفض {count} من الاقتراحات في وثيقتين.</numerusform>
            <numerusform>رُفض {count} من الاقتراحات في %n وثائق.</numerusform>
            <numerusform>رُفض {count} من الاقتراحات في %n وثيقة.</numerusform>
            <numerusform>رُفض {count} من الاقتراحات في %n وثيقة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) edited since were left alone (undo there with Ctrl+Z).</source>
        <translation>
            <numerusform>لم تُمسّ أي وثيقة عُدّلت بعدها.</numerusform>
            <numerusform>تُركت وثيقة واحدة عُدّلت بعدها كما هي (تراجع فيها بـ Ctrl+Z).</numerusform>
            <numerusform>تُركت وثيقتان عُدّلتا بعدها كما هما (تراجع فيهما بـ Ctrl+Z).</numerusform>
            <numerusform>تُركت %n وثائق عُدّلت بعدها كما هي (تراجع فيها بـ Ctrl+Z).</numerusform>
            <numerusform>تُركت %n وثيقة عُدّلت بعدها كما هي (تراجع فيها بـ Ctrl+Z).</numerusform>
            <numerusform>تُركت %n وثيقة عُدّلت بعدها كما هي (تراجع فيها بـ Ctrl+Z).</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit › Undo project-wide operation takes it all back.</source>
        <translation>تحرير › التراجع عن عملية على مستوى المشروع يلغيها كلها.</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>لا شيء للتراجع عنه.</translation>
    </message>
    <message numerus="yes">
        <source>Undone: {text}, in %n document(s).</source>
        <translation>
            <numerusform>تم التراجع: {text}، في لا وثيقة.</numerusform>
            <numerusform>تم التراجع: {text}، في وثيقة واحدة.</numerusform>
            <numerusform>تم التراجع: {text}، في وثيقتين.</numerusform>
            <numerusform>تم التراجع: {text}، في %n وثائق.</numerusform>
            <numerusform>تم التراجع: {text}، في %n وثيقة.</numerusform>
            <numerusform>تم التراجع: {text}، في %n وثيقة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing: {text}</source>
        <translation>جارٍ التراجع: {text}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>أُلغي: لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>Nothing was changed</source>
        <translation>لم يتغيّر شيء</translation>
    </message>
    <message>
        <source>The change could not be saved, so none of it was kept:

{error}</source>
        <translation>تعذّر حفظ التغيير، فلم يُحتفظ بأي جزء منه:

{error}</translation>
    </message>
</context>
<context>
    <name>RecommenderSettingsDialog</name>
    <message>
        <source>Name lists: country, city, organisation and person names</source>
        <translation>قوائم الأسماء: أسماء الدول والمدن والمنظمات والأشخاص</translation>
    </message>
    <message>
        <source>Rules: people after titles, organisations and places after trigger nouns</source>
        <translation>القواعد: الأشخاص بعد الألقاب، والمنظمات والأماكن بعد الأسماء الدالّة عليها</translation>
    </message>
    <message>
        <source>Project memory: what you accepted and rejected in this project</source>
        <translation>ذاكرة المشروع: ما قبلته وما رفضته في هذا المشروع</translation>
    </message>
    <message>
        <source>Statistical model (CRF); the project&apos;s own once it errs less than the default</source>
        <translation>النموذج الإحصائي (CRF)؛ ونموذج المشروع نفسه حين تقل أخطاؤه عن النموذج الافتراضي</translation>
    </message>
    <message>
        <source>Latin-script names: capitalised names, English places, acronyms</source>
        <translation>الأسماء بالحرف اللاتيني: الأسماء ذات الحرف الكبير والأماكن الإنجليزية والاختصارات</translation>
    </message>
    <message>
        <source>Recommender settings</source>
        <translation>إعدادات المُقترِحات</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommender&lt;/b&gt;</source>
        <translation>&lt;b&gt;المُقترِح&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Minimum score&lt;/b&gt;</source>
        <translation>&lt;b&gt;أدنى درجة&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Suggestions from “{name}”</source>
        <translation>اقتراحات «{name}»</translation>
    </message>
    <message>
        <source>Suggestions scoring below this are not shown</source>
        <translation>لا تُعرض الاقتراحات التي تقل درجتها عن هذه</translation>
    </message>
    <message>
        <source>Settings apply to the next suggestions (Document › Suggest entities runs them now). What you accepted or rejected is never changed.</source>
        <translation>تسري الإعدادات على الاقتراحات القادمة (وثيقة › اقتراح الكيانات يشغّلها الآن). ولا يتغير أبدًا ما قبلته أو رفضته.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
</context>
<context>
    <name>ReviewFlow</name>
    <message>
        <source>Most useful first: the model is least sure about the top documents.</source>
        <translation>الأنفع أولًا: النموذج أقلّ يقينًا بشأن الوثائق في أعلى القائمة.</translation>
    </message>
    <message>
        <source>Ranking the documents…</source>
        <translation>جارٍ ترتيب الوثائق…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>تعليم الوثيقة منجزة</translation>
    </message>
    <message>
        <source>Every document is done.</source>
        <translation>أُنجزت كل الوثائق.</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) not reviewed.</source>
        <translation>
            <numerusform>لا اقتراحات غير مراجَعة.</numerusform>
            <numerusform>اقتراح واحد لم يُراجَع.</numerusform>
            <numerusform>اقتراحان لم يُراجَعا.</numerusform>
            <numerusform>%Ln اقتراحات لم تُراجَع.</numerusform>
            <numerusform>%Ln اقتراحًا لم يُراجَع.</numerusform>
            <numerusform>%Ln اقتراح لم يُراجَع.</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept them, leave them as suggestions, or go back to review them?</source>
        <translation>أتقبلها، أم تتركها اقتراحات، أم تعود لمراجعتها؟</translation>
    </message>
    <message>
        <source>Accept them</source>
        <translation>قبولها</translation>
    </message>
    <message>
        <source>Leave them</source>
        <translation>تركها</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>العودة</translation>
    </message>
    <message>
        <source>This is the last document.</source>
        <translation>هذه آخر وثيقة.</translation>
    </message>
    <message>
        <source>This is the first document.</source>
        <translation>هذه أول وثيقة.</translation>
    </message>
</context>
<context>
    <name>SetStatusCommand</name>
    <message>
        <source>Mark {status}</source>
        <translation>تعليم الوثيقة: {status}</translation>
    </message>
</context>
<context>
    <name>Shortcut</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>Undo the last edit in this document</source>
        <translation>التراجع عن آخر تعديل في هذه الوثيقة</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;إعادة</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة ما تُرُوجع عنه</translation>
    </message>
    <message>
        <source>Next span</source>
        <translation>الكيان التالي</translation>
    </message>
    <message>
        <source>Go to the next span in reading order</source>
        <translation>الانتقال إلى الكيان التالي بترتيب القراءة</translation>
    </message>
    <message>
        <source>Previous span</source>
        <translation>الكيان السابق</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;قبول</translation>
    </message>
    <message>
        <source>Accept the current suggestion</source>
        <translation>قبول الاقتراح الحالي</translation>
    </message>
    <message>
        <source>&amp;Reject / delete</source>
        <translation>&amp;رفض / حذف</translation>
    </message>
    <message>
        <source>Reject the current suggestion, or delete the current accepted span</source>
        <translation>رفض الاقتراح الحالي، أو حذف الكيان المقبول الحالي</translation>
    </message>
    <message>
        <source>Accept a&amp;ll suggestions</source>
        <translation>قبول &amp;كل الاقتراحات</translation>
    </message>
    <message>
        <source>Accept every open suggestion in this document</source>
        <translation>قبول كل اقتراح مفتوح في هذه الوثيقة</translation>
    </message>
    <message>
        <source>Move start edge ←</source>
        <translation>تحريك حدّ البداية ←</translation>
    </message>
    <message>
        <source>Move the start edge left</source>
        <translation>تحريك حدّ البداية نحو اليسار</translation>
    </message>
    <message>
        <source>Move start edge →</source>
        <translation>تحريك حدّ البداية →</translation>
    </message>
    <message>
        <source>Move the start edge right</source>
        <translation>تحريك حدّ البداية نحو اليمين</translation>
    </message>
    <message>
        <source>Move end edge ←</source>
        <translation>تحريك حدّ النهاية ←</translation>
    </message>
    <message>
        <source>Move the end edge left</source>
        <translation>تحريك حدّ النهاية نحو اليسار</translation>
    </message>
    <message>
        <source>Move end edge →</source>
        <translation>تحريك حدّ النهاية →</translation>
    </message>
    <message>
        <source>Move the end edge right</source>
        <translation>تحريك حدّ النهاية نحو اليمين</translation>
    </message>
    <message>
        <source>Move start edge a word ←</source>
        <translation>تحريك حدّ البداية كلمةً ←</translation>
    </message>
    <message>
        <source>Move start edge a word →</source>
        <translation>تحريك حدّ البداية كلمةً →</translation>
    </message>
    <message>
        <source>Move end edge a word ←</source>
        <translation>تحريك حدّ النهاية كلمةً ←</translation>
    </message>
    <message>
        <source>Move end edge a word →</source>
        <translation>تحريك حدّ النهاية كلمةً →</translation>
    </message>
    <message>
        <source>Label all occurrences in this &amp;document</source>
        <translation>وسم كل المواضع في هذه ال&amp;وثيقة</translation>
    </message>
    <message>
        <source>As suggestions to review</source>
        <translation>بوصفها اقتراحات للمراجعة</translation>
    </message>
    <message>
        <source>Label all occurrences in the whole &amp;project</source>
        <translation>وسم كل المواضع في المشروع &amp;كله</translation>
    </message>
    <message>
        <source>As suggestions</source>
        <translation>بوصفها اقتراحات</translation>
    </message>
    <message>
        <source>Mark &amp;done and open next</source>
        <translation>تعليمها &amp;منجزة وفتح التالية</translation>
    </message>
    <message>
        <source>Mark done, open the next</source>
        <translation>تعليم الوثيقة منجزة وفتح الوثيقة التالية</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>الوثيقة التالية</translation>
    </message>
    <message>
        <source>Open the next document in the list, marking nothing</source>
        <translation>فتح الوثيقة التالية في القائمة دون تعليم شيء</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>الوثيقة السابقة</translation>
    </message>
    <message>
        <source>Open the previous document in the list, marking nothing</source>
        <translation>فتح الوثيقة السابقة في القائمة دون تعليم شيء</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <source>Create a project: a folder, a label set, files to import</source>
        <translation>إنشاء مشروع: مجلد ومجموعة وسوم وملفات للاستيراد</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <source>Open another project folder</source>
        <translation>فتح مجلد مشروع آخر</translation>
    </message>
    <message>
        <source>&amp;Labels…</source>
        <translation>ال&amp;وسوم…</translation>
    </message>
    <message>
        <source>Add, rename, recolour, reorder or remove labels</source>
        <translation>إضافة الوسوم وتسميتها وتلوينها وترتيبها وحذفها</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>Find text, ignoring diacritics and alef variants</source>
        <translation>البحث في النص مع تجاهل التشكيل وصور الألف</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;تكبير</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>تكبير النص</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>تصغير النص</translation>
    </message>
    <message>
        <source>&amp;Snap selections to words</source>
        <translation>&amp;ضبط التحديد على حدود الكلمات</translation>
    </message>
    <message>
        <source>Hold Alt to skip snapping</source>
        <translation>اضغط Alt لتحديد النص كما هو</translation>
    </message>
    <message>
        <source>Show &amp;rejected suggestions</source>
        <translation>إظهار الاقتراحات ال&amp;مرفوضة</translation>
    </message>
    <message>
        <source>&amp;Suggest entities</source>
        <translation>&amp;اقتراح الكيانات</translation>
    </message>
    <message>
        <source>Run the recommenders now</source>
        <translation>تشغيل المُقترِحات الآن</translation>
    </message>
    <message>
        <source>&amp;Recommender settings…</source>
        <translation>إعدادات ال&amp;مُقترِحات…</translation>
    </message>
    <message>
        <source>Switch recommenders on or off, set minimum scores</source>
        <translation>تشغيل المُقترِحات وإيقافها وضبط أدنى درجاتها</translation>
    </message>
    <message>
        <source>Retrain the project &amp;model now</source>
        <translation>إعادة تدريب &amp;نموذج المشروع الآن</translation>
    </message>
    <message>
        <source>Learn from the documents marked done</source>
        <translation>التعلم من الوثائق المنجزة</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;استيراد…</translation>
    </message>
    <message>
        <source>Import text, JSONL, CoNLL, brat or Label Studio</source>
        <translation>استيراد نصوص أو ملفات JSONL أو CoNLL أو brat أو Label Studio</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>ت&amp;صدير…</translation>
    </message>
    <message>
        <source>Export annotations as CoNLL, JSONL, brat…</source>
        <translation>تصدير التوسيمات بصيغة CoNLL أو JSONL أو brat…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;التفضيلات…</translation>
    </message>
    <message>
        <source>Interface language and digits</source>
        <translation>لغة الواجهة والأرقام</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>عرض كل اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>&amp;About Tawsim</source>
        <translation>&amp;عن توسيم</translation>
    </message>
    <message>
        <source>Version, credits and licences</source>
        <translation>الإصدار والمكوِّنات والتراخيص</translation>
    </message>
    <message>
        <source>&amp;Compare with another annotator</source>
        <translation>&amp;مقارنة بمُعلِّق آخر</translation>
    </message>
    <message>
        <source>Overlay another layer</source>
        <translation>عرض طبقة أخرى فوق طبقتك</translation>
    </message>
    <message>
        <source>Next disagreement</source>
        <translation>الخلاف التالي</translation>
    </message>
    <message>
        <source>In compare mode</source>
        <translation>في وضع المقارنة</translation>
    </message>
    <message>
        <source>Previous disagreement</source>
        <translation>الخلاف السابق</translation>
    </message>
    <message>
        <source>&amp;Merge layers from…</source>
        <translation>&amp;دمج طبقات من…</translation>
    </message>
    <message>
        <source>Bring in layers from a project copy or a bundle</source>
        <translation>جلب طبقات من نسخة من المشروع أو من حزمة</translation>
    </message>
    <message>
        <source>Export my layers as &amp;bundle…</source>
        <translation>تصدير طبقاتي &amp;حزمةً…</translation>
    </message>
    <message>
        <source>A zip to send by mail</source>
        <translation>ملف zip يُرسل بالبريد</translation>
    </message>
    <message>
        <source>C&amp;uration</source>
        <translation>&amp;التحكيم</translation>
    </message>
    <message>
        <source>Settle disagreements into gold</source>
        <translation>حسم الخلافات في المرجع الذهبي</translation>
    </message>
    <message>
        <source>Statistics &amp;dashboard</source>
        <translation>لوحة الإ&amp;حصاءات</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>رسوم بيانية</translation>
    </message>
    <message>
        <source>Accept all agreed</source>
        <translation>قبول كل المتفق عليه</translation>
    </message>
    <message>
        <source>Write the agreed spans into gold</source>
        <translation>كتابة الكيانات المتفق عليها في المرجع الذهبي</translation>
    </message>
    <message>
        <source>Reject (no span in gold)</source>
        <translation>رفض (لا كيان في المرجع الذهبي)</translation>
    </message>
    <message>
        <source>In the curation view</source>
        <translation>في عرض التحكيم</translation>
    </message>
    <message>
        <source>Edit the version…</source>
        <translation>تعديل النسخة…</translation>
    </message>
    <message>
        <source>Pick version {key}</source>
        <translation>اختيار النسخة {key}</translation>
    </message>
    <message>
        <source>Label {key}</source>
        <translation>الوسم {key}</translation>
    </message>
    <message>
        <source>Label the selection or relabel the current span</source>
        <translation>وسم النص المحدَّد أو تغيير وسم الكيان الحالي</translation>
    </message>
    <message>
        <source>Label {key} without snapping</source>
        <translation>الوسم {key} دون ضبط على الكلمات</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Search the shortcuts…</source>
        <translation>ابحث في الاختصارات…</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>In the text</source>
        <translation>في النص</translation>
    </message>
    <message>
        <source>Keys marked “In the text” work while the document text has the focus, so that typing in a search field never labels anything. The arrows move span edges the way they point on the screen, in right-to-left and left-to-right text alike.</source>
        <translation>المفاتيح الموسومة «في النص» تعمل حين يكون التركيز على نص الوثيقة، فلا تَسِم الكتابةُ في حقل البحث شيئًا. والأسهم تحرّك حدود الكيان في الاتجاه الذي تشير إليه على الشاشة، في النص العربي واللاتيني على السواء.</translation>
    </message>
</context>
<context>
    <name>SpanEditing</name>
    <message>
        <source>The project is open read-only; nothing can be changed.</source>
        <translation>المشروع مفتوح للقراءة فقط؛ لا يمكن تغيير شيء.</translation>
    </message>
    <message>
        <source>Select some text first, or go to a span with Tab.</source>
        <translation>حدِّد نصًا أولًا، أو انتقل إلى كيان بالمفتاح Tab.</translation>
    </message>
    <message>
        <source>The selection crossed a line break: only the part where it started is used.</source>
        <translation>امتدّ التحديد عبر فاصل أسطر: لا يُستعمل إلا الجزء الذي بدأ فيه.</translation>
    </message>
    <message>
        <source>The selection holds no word to label.</source>
        <translation>لا يحوي التحديد كلمة تُوسَم.</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <source>Delete span</source>
        <translation>حذف الكيان</translation>
    </message>
    <message>
        <source>Accept suggestions: {count}</source>
        <translation>قبول الاقتراحات: {count}</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Move start edge</source>
        <translation>تحريك حدّ البداية</translation>
    </message>
    <message>
        <source>Move end edge</source>
        <translation>تحريك حدّ النهاية</translation>
    </message>
    <message>
        <source>Label as {label}</source>
        <translation>الوسم بـ«{label}»</translation>
    </message>
</context>
<context>
    <name>SpanStatus</name>
    <message>
        <source>accepted</source>
        <translation>مقبول</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>مقترَح</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>مرفوض</translation>
    </message>
</context>
<context>
    <name>SpanTableModel</name>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>المصدر</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>Background task failed</source>
        <translation>فشلت مهمة في الخلفية</translation>
    </message>
    <message>
        <source>Finding entities…</source>
        <translation>جارٍ البحث عن الكيانات…</translation>
    </message>
    <message>
        <source>Suggest entities</source>
        <translation>اقتراح الكيانات</translation>
    </message>
    <message numerus="yes">
        <source>{count} new suggestions</source>
        <translation>
            <numerusform>لا اقتراحات جديدة</numerusform>
            <numerusform>اقتراح جديد واحد</numerusform>
            <numerusform>اقتراحان جديدان</numerusform>
            <numerusform>{count} اقتراحات جديدة</numerusform>
            <numerusform>{count} اقتراحًا جديدًا</numerusform>
            <numerusform>{count} اقتراح جديد</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to a span first (Tab, or click it).</source>
        <translation>انتقل إلى كيان أولًا (بالمفتاح Tab أو بالنقر عليه).</translation>
    </message>
    <message>
        <source>Nothing was labelled.</source>
        <translation>لم يوسم شيء.</translation>
    </message>
    <message>
        <source>Label all “{text}”</source>
        <translation>وسم كل مواضع «{text}»</translation>
    </message>
    <message numerus="yes">
        <source>{count} occurrences suggested as {label}</source>
        <translation>
            <numerusform>لم يُقترح أي موضع بوسم «{label}»</numerusform>
            <numerusform>اقتُرح موضع واحد بوسم «{label}»</numerusform>
            <numerusform>اقتُرح موضعان بوسم «{label}»</numerusform>
            <numerusform>اقتُرحت {count} مواضع بوسم «{label}»</numerusform>
            <numerusform>اقتُرح {count} موضعًا بوسم «{label}»</numerusform>
            <numerusform>اقتُرح {count} موضع بوسم «{label}»</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n left alone (already in or beside another span)</source>
        <translation>
            <numerusform>؛ ولم يُمسّ شيء آخر</numerusform>
            <numerusform>؛ وتُرك موضع واحد (داخل كيان آخر أو متداخل معه)</numerusform>
            <numerusform>؛ وتُرك موضعان (داخل كيان آخر أو متداخلان معه)</numerusform>
            <numerusform>؛ وتُركت %Ln مواضع (داخل كيان آخر أو متداخلة معه)</numerusform>
            <numerusform>؛ وتُرك %Ln موضعًا (داخل كيان آخر أو متداخلًا معه)</numerusform>
            <numerusform>؛ وتُرك %Ln موضع (داخل كيان آخر أو متداخل معه)</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for “{text}”…</source>
        <translation>جارٍ البحث عن «{text}»…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was labelled.</source>
        <translation>أُلغي: لم يوسم شيء.</translation>
    </message>
</context>
<context>
    <name>TeamFeatures</name>
    <message>
        <source>Curation</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <source>No other annotator&apos;s layer in this project yet.</source>
        <translation>لا طبقة لمُعلِّق آخر في هذا المشروع بعد.</translation>
    </message>
    <message numerus="yes">
        <source>Reloaded from disk: %n layer(s)</source>
        <translation>
            <numerusform>أُعيد تحميل الطبقات من القرص: %Ln</numerusform>
            <numerusform>أُعيد تحميل الطبقات من القرص: %Ln</numerusform>
            <numerusform>أُعيد تحميل الطبقات من القرص: %Ln</numerusform>
            <numerusform>أُعيد تحميل الطبقات من القرص: %Ln</numerusform>
            <numerusform>أُعيد تحميل الطبقات من القرص: %Ln</numerusform>
            <numerusform>أُعيد تحميل الطبقات من القرص: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n new document(s)</source>
        <translation>
            <numerusform>، والوثائق الجديدة: %Ln</numerusform>
            <numerusform>، والوثائق الجديدة: %Ln</numerusform>
            <numerusform>، والوثائق الجديدة: %Ln</numerusform>
            <numerusform>، والوثائق الجديدة: %Ln</numerusform>
            <numerusform>، والوثائق الجديدة: %Ln</numerusform>
            <numerusform>، والوثائق الجديدة: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge layers from a bundle or a copy of the project</source>
        <translation>دمج طبقات من حزمة أو من نسخة من المشروع</translation>
    </message>
    <message>
        <source>Bundle or project (*.zip project.json);;All files (*)</source>
        <translation>حزمة أو مشروع (*.zip project.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Merge refused</source>
        <translation>رُفض الدمج</translation>
    </message>
    <message>
        <source>Nothing was changed:

{error}</source>
        <translation>لم يتغير شيء:

{error}</translation>
    </message>
    <message>
        <source>Merge finished</source>
        <translation>انتهى الدمج</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>جارٍ الدمج…</translation>
    </message>
    <message>
        <source>Export my layers as a bundle</source>
        <translation>تصدير طبقاتي حزمةً</translation>
    </message>
    <message>
        <source>Bundle (*.zip)</source>
        <translation>حزمة (*.zip)</translation>
    </message>
    <message>
        <source>Bundle not written</source>
        <translation>لم تُكتب الحزمة</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) written to the bundle</source>
        <translation>
            <numerusform>الطبقات المكتوبة في الحزمة: %Ln</numerusform>
            <numerusform>الطبقات المكتوبة في الحزمة: %Ln</numerusform>
            <numerusform>الطبقات المكتوبة في الحزمة: %Ln</numerusform>
            <numerusform>الطبقات المكتوبة في الحزمة: %Ln</numerusform>
            <numerusform>الطبقات المكتوبة في الحزمة: %Ln</numerusform>
            <numerusform>الطبقات المكتوبة في الحزمة: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Statistics — {project}</source>
        <translation>الإحصاءات — {project}</translation>
    </message>
    <message>
        <source>Drawing the charts…</source>
        <translation>جارٍ رسم المخططات…</translation>
    </message>
</context>
<context>
    <name>TransferController</name>
    <message>
        <source>    warning: {note}</source>
        <translation>    تنبيه: {note}</translation>
    </message>
    <message>
        <source>A file that failed changed nothing; the other files were imported.</source>
        <translation>الملف الذي فشل استيراده لم يغيّر شيئًا، واستُوردت الملفات الأخرى.</translation>
    </message>
    <message>
        <source>{documents_added}, {spans}</source>
        <translation>{documents_added}، {spans}</translation>
    </message>
    <message>
        <source>✓ {path}: {documents}{extra}, {spans}</source>
        <translation>✓ {path}: {documents}{extra}، {spans}</translation>
    </message>
    <message>
        <source>Exported {documents}, {spans} to {out}</source>
        <translation>صُدِّرت {documents} و{spans} إلى {out}</translation>
    </message>
    <message>
        <source>export a tag column per nesting level</source>
        <translation>صدِّر عمود وسوم لكل مستوى تداخل</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>The project is open read-only; nothing can be imported.</source>
        <translation>المشروع مفتوح للقراءة فقط؛ لا يمكن استيراد شيء.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>أُلغي الاستيراد</translation>
    </message>
    <message>
        <source>Import cancelled. The project is unchanged.</source>
        <translation>أُلغي الاستيراد، ولم يتغير المشروع.</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>فشل الاستيراد</translation>
    </message>
    <message>
        <source>No files to import were found.</source>
        <translation>لم يُعثر على ملفات للاستيراد.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>انتهى الاستيراد</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>أُلغي التصدير</translation>
    </message>
    <message>
        <source>Export cancelled. Nothing was written.</source>
        <translation>أُلغي التصدير، ولم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>فشل التصدير</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>انتهى التصدير</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Reloading also failed: {error}</source>
        <translation>وتعذّرت إعادة التحميل أيضًا: {error}</translation>
    </message>
</context>
</TS>
