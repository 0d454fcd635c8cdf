from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

FORMAT_CHOICES = [
    SelectChoice("", _l("按扩展名判断")),
    SelectChoice("yaml", "YAML"),
    SelectChoice("gift", "GIFT (Moodle)"),
    SelectChoice("aiken", "Aiken"),
    SelectChoice("csv", "CSV (Excel / WPS)"),
]


class ImportForm(FlaskForm):
    file = FileField(_l("题库文件"), validators=[FileRequired(_l("请选择要上传的文件。"))])
    format = SelectField(_l("格式"), choices=FORMAT_CHOICES)
    chapter = SelectField(_l("追加到章节"))
    source = StringField(
        _l("出处（文件中没有写出处的题目使用）"), validators=[Optional(), Length(max=40)]
    )
    lesson = SelectField(_l("课文（文件中没有写课文的题目使用）"))
    partial = BooleanField(
        _l("导入能导入的题，其余的连同原因另存为一个文件（不勾选则全部通过才导入）")
    )
